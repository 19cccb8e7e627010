using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The failure body every Campaign call uses, often with HTTP 200.</summary>
internal sealed record ApiError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("description")] string Description);
