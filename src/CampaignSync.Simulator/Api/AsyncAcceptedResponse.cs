using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The immediate answer to an async create/update.</summary>
internal sealed record AsyncAcceptedResponse(
    [property: JsonPropertyName("request-id")] string RequestId,
    [property: JsonPropertyName("transaction-id")] string TransactionId);
