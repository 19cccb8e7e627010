namespace CampaignSync.Diagnostics;

/// <summary>Event id ranges, one per stage (Npgsql's shape): a stage's messages are its base plus 0–99.</summary>
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
    public const int Hosting = 1900;
}
