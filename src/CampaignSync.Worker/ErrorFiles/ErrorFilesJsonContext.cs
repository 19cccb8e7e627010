using System.Text.Json.Serialization;

namespace CampaignSync.ErrorFiles;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<StoredAnomaly>))]
internal sealed partial class ErrorFilesJsonContext : JsonSerializerContext;
