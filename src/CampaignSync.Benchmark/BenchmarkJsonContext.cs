using System.Text.Json.Serialization;

namespace CampaignSync.Benchmark;

/// <summary>Source-generated JSON for the result file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(BenchmarkResult))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
