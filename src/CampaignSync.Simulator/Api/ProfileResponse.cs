using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>One stored profile as the get-profile call returns it (shape decided by the simulator).</summary>
internal sealed record ProfileResponse(
    [property: JsonPropertyName("profile-id")] string ProfileId,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("attributes")] List<AttributeValue> Attributes);
