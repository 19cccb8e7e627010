using System.Text.Json.Serialization;

namespace CampaignSync.Benchmark;

/// <summary>The figures of one run, as written to <c>--json</c> (issue 6 names the first nine keys).</summary>
internal sealed record BenchmarkResult
{
    [JsonPropertyName("rows")] public required int Rows { get; init; }
    [JsonPropertyName("postgres_limit_rps")] public required double PostgresLimitRps { get; init; }
    [JsonPropertyName("worker_rps")] public required double WorkerRps { get; init; }
    [JsonPropertyName("baseline_rps")] public required double BaselineRps { get; init; }
    [JsonPropertyName("peak_rss_mb")] public required double PeakRssMegabytes { get; init; }
    [JsonPropertyName("requests_per_record")] public required double RequestsPerRecord { get; init; }
    [JsonPropertyName("polls_per_request")] public required double PollsPerRequest { get; init; }
    [JsonPropertyName("rate_limited_share")] public required double RateLimitedShare { get; init; }
    [JsonPropertyName("throttled_after_warmup")] public required long ThrottledAfterWarmup { get; init; }

    [JsonPropertyName("physical_limit_rps")] public required double PhysicalLimitRps { get; init; }
    [JsonPropertyName("worker_vs_physical_limit")] public double WorkerVsPhysicalLimit => PhysicalLimitRps > 0 ? WorkerRps / PhysicalLimitRps : 0;
    [JsonPropertyName("physical_limit_postgres_cpu_us_per_row")] public required double PhysicalLimitPostgresCpuMicrosecondsPerRow { get; init; }
    [JsonPropertyName("worker_cpu_us_per_row")] public required double WorkerCpuMicrosecondsPerRow { get; init; }
    [JsonPropertyName("worker_postgres_cpu_us_per_row")] public required double WorkerPostgresCpuMicrosecondsPerRow { get; init; }
    [JsonPropertyName("worker_simulator_cpu_us_per_row")] public required double SimulatorCpuMicrosecondsPerRow { get; init; }
    [JsonPropertyName("worker_drain_machine_busy_share")] public required double DrainMachineBusyShare { get; init; }
    [JsonPropertyName("worker_startup_seconds")] public required double WorkerStartupSeconds { get; init; }
    [JsonPropertyName("worker_vs_postgres")] public double WorkerVsPostgres => PostgresLimitRps > 0 ? WorkerRps / PostgresLimitRps : 0;
    [JsonPropertyName("worker_vs_baseline")] public double WorkerVsBaseline => BaselineRps > 0 ? WorkerRps / BaselineRps : 0;
    [JsonPropertyName("postgres_limit_seconds")] public required double PostgresLimitSeconds { get; init; }
    [JsonPropertyName("worker_seconds")] public required double WorkerSeconds { get; init; }
    [JsonPropertyName("worker_final_states")] public required IReadOnlyDictionary<string, long> WorkerFinalStates { get; init; }
    [JsonPropertyName("upsert_requests")] public required long UpsertRequests { get; init; }
    [JsonPropertyName("records_per_upsert_request")] public required double RecordsPerUpsertRequest { get; init; }
    [JsonPropertyName("api_calls")] public required long ApiCalls { get; init; }
    [JsonPropertyName("baseline_rows")] public required int BaselineRows { get; init; }
    [JsonPropertyName("baseline_seconds")] public required double BaselineSeconds { get; init; }
    [JsonPropertyName("baseline_hangfire_workers")] public int BaselineHangfireWorkers { get; init; } = OneJobPerRecordBaseline.WorkerCount;
    [JsonPropertyName("rate_limited_rows")] public required int RateLimitedRows { get; init; }
    [JsonPropertyName("rate_limit_rps")] public required int RateLimitRps { get; init; }
    [JsonPropertyName("rate_limited_batch_size")] public required int RateLimitedBatchSize { get; init; }
    [JsonPropertyName("rate_limited_records_per_second")] public required double RateLimitedRecordsPerSecond { get; init; }
    [JsonPropertyName("rate_limited_calls_per_second")] public required double RateLimitedCallsPerSecond { get; init; }
    [JsonPropertyName("rate_limited_request_share")] public double RateLimitedRequestShare => RateLimitRps > 0 ? RateLimitedCallsPerSecond / RateLimitRps : 0;
    [JsonPropertyName("rate_limited_calls_needed_per_request")] public required double RateLimitedCallsNeededPerRequest { get; init; }
    [JsonPropertyName("rate_limited_allowed_records_per_second")] public required double RateLimitedAllowedRecordsPerSecond { get; init; }
    [JsonPropertyName("rate_limited_share_of_submits_only")] public required double RateLimitedShareOfSubmitsOnly { get; init; }
    [JsonPropertyName("rate_limited_batch_fill")] public required double RateLimitedBatchFill { get; init; }
    [JsonPropertyName("rate_limited_polls_per_request")] public required double RateLimitedPollsPerRequest { get; init; }
    [JsonPropertyName("live_rows")] public required int LiveRows { get; init; }
    [JsonPropertyName("live_latency_median_seconds")] public required double? LiveLatencyMedianSeconds { get; init; }
    [JsonPropertyName("live_latency_slowest_seconds")] public required double? LiveLatencySlowestSeconds { get; init; }
    [JsonPropertyName("bulk_rows_finished_after_live")] public required long BulkRowsFinishedAfterLive { get; init; }
    [JsonPropertyName("worker_mode")] public string WorkerMode { get; init; } = "child process: the built CampaignSync.Worker, verb run, default settings";
    [JsonPropertyName("machine")] public required MachineInfo Machine { get; init; }
    [JsonPropertyName("command")] public required string Command { get; init; }
    [JsonPropertyName("measured_at")] public required DateTimeOffset MeasuredAt { get; init; }
}
