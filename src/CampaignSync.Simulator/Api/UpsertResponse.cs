using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The answer to a sync create/update: <c>update-count</c> 0 means nothing was changed.</summary>
internal sealed record UpsertResponse(
    [property: JsonPropertyName("update-count")] long UpdateCount,
    [property: JsonPropertyName("transaction-id")] string TransactionId);
