using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>A profile as <c>GET /campaignapi/metadata/v3/profile[/{profile-id}]</c> describes it.</summary>
internal sealed record ProfileMetadata(
    [property: JsonPropertyName("profile-id")] string ProfileId,
    [property: JsonPropertyName("profile-name")] string ProfileName,
    [property: JsonPropertyName("attributes")] List<AttributeMetadata> Attributes);
