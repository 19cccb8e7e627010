using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>Source-generated snake_case JSON of the simulated Wethod API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(WethodSimContact))]
[JsonSerializable(typeof(List<WethodSimContact>))]
[JsonSerializable(typeof(WethodSimClient))]
[JsonSerializable(typeof(List<WethodSimClient>))]
[JsonSerializable(typeof(WethodSimError))]
internal sealed partial class WethodSimJsonContext : JsonSerializerContext;
