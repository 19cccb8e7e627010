using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The answer to a bulk call: the total applied, a transaction id and one result per entry, in order.</summary>
internal sealed record BulkResponse(
    [property: JsonPropertyName("update-count")] long UpdateCount,
    [property: JsonPropertyName("transaction-id")] string TransactionId,
    [property: JsonPropertyName("responses")] List<BulkEntryResult> Responses);
