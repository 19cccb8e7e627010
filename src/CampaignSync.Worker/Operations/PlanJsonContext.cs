using System.Text.Json.Serialization;

namespace CampaignSync.Operations;

/// <summary>Source-generated JSON for <c>plan --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PlanReport))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
