namespace CampaignSync.Diagnostics;

/// <summary>
/// The first event id of each stage's range. A stage's <c>XxxLog</c> adds its own offset,
/// so dashboards can filter a stage by range and a message id never moves between stages.
/// </summary>
internal static class EventIds
{
    public const int Outbox = 1000;
    public const int Folding = 1100;
    public const int Batching = 1200;
    public const int Campaign = 1300;
    public const int Submission = 1350;
    public const int Polling = 1400;
    public const int ErrorFiles = 1500;
    public const int Outcomes = 1600;
    public const int Crm = 1700;
    public const int Retention = 1800;

    /// <summary>
    /// The host and what left <c>Hosting/</c> when it was split by role (issue 17): the claim loop (<c>Pipeline/</c>),
    /// the migrator, the dashboard and the development host's private cluster kept their ids.
    /// </summary>
    public const int Hosting = 1900;
}
