namespace CampaignSync.Dashboard;

/// <summary>One outbox row of a contact, as its timeline shows it.</summary>
/// <param name="BatchId">The request the row is in flight in or finished with (null while pending).</param>
internal sealed record ContactRow(
    long Id,
    string Operation,
    string AttributesJson,
    string Source,
    DateTime CreatedAt,
    string State,
    int Attempts,
    string? OutcomeCode,
    string? OutcomeDescription,
    DateTime? CompletedAt,
    long? BatchId);
