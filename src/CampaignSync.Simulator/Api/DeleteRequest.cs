using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The body of <c>POST /campaignapi/resources/v3/delete</c>. Exparams are accepted and ignored.</summary>
internal sealed record DeleteRequest(
    [property: JsonPropertyName("profile-name")] string? ProfileName,
    [property: JsonPropertyName("key")] string? Key);
