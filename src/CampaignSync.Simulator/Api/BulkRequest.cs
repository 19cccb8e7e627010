using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The body of <c>POST /campaignapi/resources/v3/profiles/updateBulk</c> (at most 100 entries).</summary>
internal sealed record BulkRequest(
    [property: JsonPropertyName("profile-name")] string? ProfileName,
    [property: JsonPropertyName("profile-id")] string? ProfileId,
    [property: JsonPropertyName("update-link")] string? UpdateLink,
    [property: JsonPropertyName("requests")] List<BulkEntry>? Requests);
