using System.Globalization;

namespace CampaignSync.Benchmark;

/// <summary>The figures as a Markdown table with the issue's targets beside them (the README shows the latest one).</summary>
internal static class ResultTable
{
    public static string Render(BenchmarkResult r)
    {
        var rows = new (string Measure, string Value, string Target, bool? Met)[]
        {
            (F($"Physical limit (server-side keyset claim of {PhysicalLimitProbe.RoundSize:N0}, claimed, final; rows/s)"), F($"{r.PhysicalLimitRps:N0} (Postgres CPU {r.PhysicalLimitPostgresCpuMicrosecondsPerRow:N1} µs/row)"), "", null),
            ("Worker share of the physical limit", F($"{r.WorkerVsPhysicalLimit * 100:N0}%"), "≥ 30%", r.WorkerVsPhysicalLimit >= 0.3),
            ("CPU per row during the worker's drain (µs)", F($"worker {r.WorkerCpuMicrosecondsPerRow:N1}, Postgres {r.WorkerPostgresCpuMicrosecondsPerRow:N1}, simulator {r.SimulatorCpuMicrosecondsPerRow:N1}; the machine {r.DrainMachineBusyShare * 100:N0}% busy"), "", null),
            ("Postgres-only limit (claim + write-back, rows/s)", F($"{r.PostgresLimitRps:N0}"), "", null),
            ("Worker end to end (rows/s)", F($"{r.WorkerRps:N0} ({r.WorkerVsPostgres * 100:N0}% of Postgres; start-up {r.WorkerStartupSeconds:N1} s of {r.WorkerSeconds:N1} s)"), "≥ 50% of Postgres", r.WorkerVsPostgres >= 0.5),
            (F($"One Hangfire job per record (rows/s, {r.BaselineRows:N0} rows)"), F($"{r.BaselineRps:N1} (worker is {r.WorkerVsBaseline:N0}×)"), "worker ≥ 300×", r.WorkerVsBaseline >= 300),
            ("Peak RSS of the worker process (MB)", F($"{r.PeakRssMegabytes:N0}"), "≤ 400 MB", r.PeakRssMegabytes <= 400),
            ("API requests per record", F($"{r.RequestsPerRecord:N3}"), "", null),
            ("Status polls per upsert request", F($"{r.PollsPerRequest:N2}"), "≤ 3", r.PollsPerRequest <= 3),
            (F($"Rate-limited records/s ({r.RateLimitRps} calls/s, {r.RateLimitedBatchSize} records and {r.RateLimitedCallsNeededPerRequest:N2} calls a request)"),
                F($"{r.RateLimitedRecordsPerSecond:N0} ({r.RateLimitedShare * 100:N0}% of the {r.RateLimitedAllowedRecordsPerSecond:N0} allowed; {r.RateLimitedShareOfSubmitsOnly * 100:N0}% of {r.RateLimitRps} × {r.RateLimitedBatchSize}; API calls at {r.RateLimitedRequestShare * 100:N0}% of the limit)"),
                "≥ 95% of allowed", r.RateLimitedShare >= 0.95),
            ("Rate-limited batch fill", F($"{r.RateLimitedBatchFill * 100:N0}%"), "full batches", r.RateLimitedBatchFill >= 0.95),
            ("429s after the first second", F($"{r.ThrottledAfterWarmup:N0}"), "0", r.ThrottledAfterWarmup == 0),
            (F($"Live rows during a bulk drain at the same limit ({r.LiveRows} rows written 5 s in; created → final, s)"),
                r.LiveLatencyMedianSeconds is { } median
                    ? F($"median {median:N1}, slowest {r.LiveLatencySlowestSeconds:N1}; {r.BulkRowsFinishedAfterLive:N0} bulk rows finished after them")
                    : "not measured: the backfill was done before the live rows were written (raise --rate-limited-rows)",
                "live rows do not wait for the backlog", r.BulkRowsFinishedAfterLive > 0),
        };
        var lines = new List<string>
        {
            "| Measure | Value | Target | Met |",
            "| --- | ---: | --- | --- |",
        };
        lines.AddRange(rows.Select(row => $"| {row.Measure} | {row.Value} | {row.Target} | {row.Met switch { true => "yes", false => "no", null => "" }} |"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
