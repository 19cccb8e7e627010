namespace CampaignSync.Dashboard;

/// <summary>One failed or dead outbox row of a failure group.</summary>
internal sealed record FailedRow(
    long Id,
    string ProfileName,
    string ProfileKey,
    string Operation,
    string State,
    int Attempts,
    DateTime? CompletedAt);
