using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The answer to a successful delete.</summary>
internal sealed record TransactionResponse([property: JsonPropertyName("transaction-id")] string TransactionId);
