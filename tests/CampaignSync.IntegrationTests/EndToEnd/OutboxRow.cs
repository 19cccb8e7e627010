namespace CampaignSync.IntegrationTests.EndToEnd;

internal sealed record OutboxRow(
    long Id,
    string ProfileKey,
    string Operation,
    string AttributesJson,
    string State,
    string? OutcomeCode,
    string? OutcomeDescription,
    long? BatchId,
    int Attempts);
