using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The body of <c>POST /campaignapi/resources/v3/profile/get</c> (sync, by key only).</summary>
internal sealed record GetProfileRequest(
    [property: JsonPropertyName("profile-id")] string? ProfileId,
    [property: JsonPropertyName("profile-name")] string? ProfileName,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("sync")] string? Sync);
