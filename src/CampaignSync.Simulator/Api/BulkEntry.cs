using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>One contact of a bulk create/update call.</summary>
internal sealed record BulkEntry(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("upsert")] string? Upsert,
    [property: JsonPropertyName("attributes")] List<AttributeValue>? Attributes);
