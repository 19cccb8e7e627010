using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>One attribute of a profile as the metadata API describes it.</summary>
internal sealed record AttributeMetadata(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("data-type")] string DataType,
    [property: JsonPropertyName("group")] string Group);
