namespace CampaignSync.Benchmark;

/// <summary>What one benchmark run measures and how big each part is.</summary>
/// <param name="Rows">Outbox rows of the Postgres-only and the worker runs (the default is 1,000,000).</param>
/// <param name="BaselineRows">Rows of the one-job-per-record sample (the default is 5,000).</param>
/// <param name="RateLimitedRows">Upsert rows of the rate-limited run (the default is 20,000).</param>
/// <param name="RequestsPerSecond">The rate limit of the simulator and of the worker's client (the default is 20).</param>
/// <param name="RateLimitedBatchSize">Records per request in the rate-limited run (the default is 100).</param>
/// <param name="JsonPath">Where the figures are written as JSON, or null for none.</param>
/// <param name="Command">The command line, recorded in the JSON beside the machine.</param>
internal sealed record BenchmarkSettings(
    int Rows,
    int BaselineRows,
    int RateLimitedRows,
    int RequestsPerSecond,
    int RateLimitedBatchSize,
    string? JsonPath,
    string Command)
{
    public const int DefaultRows = 1_000_000;
    public const int DefaultBaselineRows = 5_000;
    public const int DefaultRateLimitedRows = 20_000;
    public const int DefaultRequestsPerSecond = 20;
    public const int DefaultRateLimitedBatchSize = 100;

    /// <summary>The longest any one drain may take before the run is reported as incomplete.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(30);
}
