using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Processing;

/// <summary>An accepted async upsert, waiting to be processed at <paramref name="DueAt"/>.</summary>
internal sealed record AsyncRequest(
    string Id,
    SimulatedProfile Profile,
    UpsertMode Upsert,
    UpdateLinkMode Link,
    IReadOnlyList<ParsedRecord> Records,
    DateTimeOffset DueAt);
