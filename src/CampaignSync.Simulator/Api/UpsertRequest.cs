using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// The body of <c>POST /campaignapi/resources/v3/profile</c>, sync (<c>"sync": "1"</c>, one key) or async
/// (<c>"sync": "2"</c>, records as CSV in <c>file</c>). Exparams are accepted and ignored.
/// </summary>
internal sealed record UpsertRequest(
    [property: JsonPropertyName("profile-name")] string? ProfileName,
    [property: JsonPropertyName("profile-id")] string? ProfileId,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("upsert")] string? Upsert,
    [property: JsonPropertyName("update-link")] string? UpdateLink,
    [property: JsonPropertyName("sync")] string? Sync,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("attributes")] List<AttributeValue>? Attributes);
