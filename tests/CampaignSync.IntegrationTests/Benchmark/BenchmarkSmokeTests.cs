using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignSync.Benchmark;
using CampaignSync.IntegrationTests.Infrastructure;

namespace CampaignSync.IntegrationTests.Benchmark;

/// <summary>
/// The benchmark's whole code path at a small size, so CI knows it still runs: every part completes and every figure
/// is a positive, finite number. Never a speed: that is what the benchmark itself reports.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(HeavyRuns.Name)]
public sealed class BenchmarkSmokeTests(PostgresFixture server)
{
    private static readonly string[] IssueKeys =
    [
        "rows", "postgres_limit_rps", "worker_rps", "baseline_rps", "peak_rss_mb", "requests_per_record",
        "polls_per_request", "rate_limited_share", "throttled_after_warmup",
    ];

    [Fact]
    public async Task Benchmark_at_2000_rows_completes_with_positive_finite_figures_and_every_row_final()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new BenchmarkSettings(2_000, BaselineRows: 100, RateLimitedRows: 400, RequestsPerSecond: 20,
            RateLimitedBatchSize: 100, JsonPath: null, Command: "smoke test") { DrainTimeout = TimeSpan.FromMinutes(3) };

        var result = await BenchmarkRunner.RunAsync(settings, await server.CreateDatabaseAsync(ct), ct);

        double[] figures =
        [
            result.PostgresLimitRps, result.WorkerRps, result.BaselineRps, result.PeakRssMegabytes, result.RequestsPerRecord,
            result.PollsPerRequest, result.RateLimitedShare, result.RateLimitedRecordsPerSecond, result.RateLimitedBatchFill,
            result.PhysicalLimitRps, result.WorkerCpuMicrosecondsPerRow, result.WorkerPostgresCpuMicrosecondsPerRow,
            result.SimulatorCpuMicrosecondsPerRow, result.DrainMachineBusyShare, result.WorkerStartupSeconds,
        ];
        Assert.All(figures, f => Assert.True(double.IsFinite(f) && f > 0, $"figure {f} is not a positive finite number"));
        Assert.True(result.ThrottledAfterWarmup >= 0);
        Assert.True(result.PhysicalLimitPostgresCpuMicrosecondsPerRow >= 0, "the physical limit's CPU per row is negative");
        Assert.Equal(2_000, result.WorkerFinalStates.Values.Sum());
        Assert.True(result.WorkerStartupSeconds < result.WorkerSeconds, "the worker's start-up is longer than its whole drain");

        // The Postgres-only limit counts each row it drained once (it once summed two statements' affected rows).
        Assert.Equal(2_000, Math.Round(result.PostgresLimitRps * result.PostgresLimitSeconds));
        Assert.DoesNotContain(result.WorkerFinalStates.Keys, state => state is "pending" or "in_flight");
        var json = JsonNode.Parse(JsonSerializer.Serialize(result, BenchmarkJsonContext.Default.BenchmarkResult))!.AsObject();
        Assert.All(IssueKeys, key => Assert.True(json.ContainsKey(key), $"the JSON has no {key}"));
    }
}
