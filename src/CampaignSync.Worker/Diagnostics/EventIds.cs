namespace CampaignSync.Diagnostics;

/// <summary>
/// The first event id of each stage's range (Npgsql's ranged ids): a stage's <c>XxxLog</c> numbers its
/// messages from its base up to the next base minus one, so an id alone says which stage logged it.
/// Ids are stable once shipped: dashboards and alerts query them.
/// </summary>
internal static class EventIds
{
    /// <summary>Claiming outbox rows with a lease: 1000–1099.</summary>
    public const int Outbox = 1000;

    /// <summary>Folding changes per contact: 1100–1199.</summary>
    public const int Folding = 1100;

    /// <summary>Cutting operations into batches: 1200–1299.</summary>
    public const int Batching = 1200;

    /// <summary>The Webex Campaign HTTP client: 1300–1349.</summary>
    public const int Campaign = 1300;

    /// <summary>Submitting batches and persisting request ids: 1350–1399.</summary>
    public const int Submission = 1350;

    /// <summary>Polling request status (Hangfire jobs): 1400–1499.</summary>
    public const int Polling = 1400;

    /// <summary>Downloading and parsing error files: 1500–1599.</summary>
    public const int ErrorFiles = 1500;

    /// <summary>Writing per-record outcomes back: 1600–1699.</summary>
    public const int Outcomes = 1600;

    /// <summary>The hosted worker, health checks, dashboard and CLI verbs: 1900–1999.</summary>
    public const int Hosting = 1900;
}
