using System.Text.Json.Serialization;

namespace CampaignSync.Crm;

/// <summary>Source-generated JSON of the Wethod API: snake_case, unknown fields ignored, numbers as numbers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<WethodContact>))]
[JsonSerializable(typeof(WethodContact))]
[JsonSerializable(typeof(List<WethodCompany>))]
[JsonSerializable(typeof(WethodError))]
internal sealed partial class WethodJsonContext : JsonSerializerContext;
