using System.Text.Json.Serialization;

namespace CampaignSync.Campaign;

/// <summary>
/// Source-generated (reflection-free) JSON metadata for the API's answers. Kebab-case names, as documented;
/// unknown fields are ignored so a tenant that answers more does not break the worker.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CampaignResponseBody))]
[JsonSerializable(typeof(List<CampaignProfileMetadata>))]
internal sealed partial class CampaignJsonContext : JsonSerializerContext;
