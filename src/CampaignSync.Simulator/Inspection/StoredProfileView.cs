using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Inspection;

/// <summary>One record as <c>GET /_sim/profiles/{profile-name}</c> shows it.</summary>
internal sealed record StoredProfileView(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("attributes")] SortedDictionary<string, string> Attributes);
