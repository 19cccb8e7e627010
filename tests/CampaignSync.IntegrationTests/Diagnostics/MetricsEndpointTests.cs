using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>
/// A small real run under throttling, then a scrape of /metrics checked against the database and the simulator; a
/// scrape while the outbox is locked; and the alert rules of the chart checked against what the worker exports.
/// </summary>
[Trait("Category", "Operations")]
[Collection(SerialRuns.Name)]
public sealed partial class MetricsEndpointTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Metrics_after_a_run_count_records_calls_throttling_polls_error_lines_and_the_backlog()
    {
        var options = new SimulatorOptions
        {
            KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")],
            // One call a second: the upsert and the delete go out together, so at least one is answered 429.
            RequestsPerSecond = 1,
            Burst = 1,
        };
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(cancellationToken), options, workers: 0);
        await harness.UpsertAsync("good-1", new { email = "one@example.com" });
        await harness.UpsertAsync("good-2", new { email = "two@example.com" });
        await harness.UpsertAsync("bounce-3", new { email = "three@example.com" });
        await harness.UpsertAsync("bad-4", new { email = new { nested = true } });
        await harness.DeleteAsync("gone-5");
        var worker = await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Patience);
        await using (var connection = await harness.DataSource.OpenConnectionAsync(cancellationToken))
        {
            // Two rows waiting for their backoff, the older written an hour ago: the backlog gauges must show them.
            await connection.ExecuteAsync(
                """
                insert into campaign_sync.outbox (profile_name, profile_key, operation, created_at, available_at)
                values ('contacts', 'later-6', 'delete', now() - interval '1 hour', now() + interval '1 hour'),
                       ('contacts', 'later-7', 'delete', now() - interval '1 minute', now() + interval '1 hour')
                """);
        }

        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(worker) };
        // The backlog gauges are sampled in the background: wait until a reading shows the two rows.
        var metrics = await ScrapeUntilAsync(http, m => m.Sum("campaign_sync_outbox_backlog", ("state", "pending")) == 2, "two pending rows");

        await AssertRecordsMatchTheOutcomeHistoryAsync(harness, metrics);
        await AssertLatenciesMatchTheDatabaseAsync(harness, metrics);
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", cancellationToken);
        var apiCalls = stats!["requests"]!.AsObject().Where(r => !r.Key.Contains("/_sim", StringComparison.Ordinal)).Sum(r => r.Value!.GetValue<long>());
        var throttled = stats["throttled"]!.GetValue<long>();
        Assert.True(throttled > 0, metrics.Text);
        Assert.Equal(apiCalls, metrics.Sum("campaign_sync_campaign_requests_total"));
        Assert.Equal(throttled, metrics.Sum("campaign_sync_campaign_throttled_total"));
        Assert.Equal(throttled, metrics.Sum("campaign_sync_campaign_requests_total", ("status", "429")));
        Assert.Equal(1, metrics.Sum("campaign_sync_campaign_requests_total", ("endpoint", "error_file"), ("status", "200")));
        Assert.Equal(0, metrics.Sum("campaign_sync_campaign_active_requests"));
        Assert.Equal(1, metrics.Sum("campaign_sync_polls_total", ("result", "done")));
        Assert.Equal(metrics.Sum("campaign_sync_campaign_requests_total", ("endpoint", "status"), ("status", "200")),
            metrics.Sum("campaign_sync_polls_total", ("result", "done")) + metrics.Sum("campaign_sync_polls_total", ("result", "processing")));
        Assert.Equal(1, metrics.Sum("campaign_sync_error_file_lines_total", ("result", "error")));
        Assert.Equal(0, metrics.Sum("campaign_sync_error_file_lines_total", ("result", "anomaly")));
        Assert.Equal(2, metrics.Sum("campaign_sync_outbox_backlog", ("state", "pending")));
        Assert.Equal(0, metrics.Sum("campaign_sync_outbox_backlog", ("state", "in_flight")));
        Assert.InRange(metrics.Sum("campaign_sync_outbox_oldest_pending_age_seconds"), 3590, 3900);
        Assert.True(metrics.Has("campaign_sync_requests_in_flight"), metrics.Text);
        Assert.Equal(0, metrics.Sum("campaign_sync_requests_in_flight"));
        // Both waiting rows are in their backoff: pending, not due; none is dead; this replica is not paused.
        Assert.True(metrics.Has("campaign_sync_outbox_due") && metrics.Has("campaign_sync_outbox_dead"), metrics.Text);
        Assert.Equal(0, metrics.Sum("campaign_sync_outbox_due"));
        Assert.Equal(0, metrics.Sum("campaign_sync_outbox_dead"));
        Assert.True(metrics.Has("campaign_sync_claiming_paused") && metrics.Has("campaign_sync_campaign_circuit_open"), metrics.Text);
        Assert.Equal(0, metrics.Sum("campaign_sync_claiming_paused", ("reason", "automatic")));
        Assert.Equal(0, metrics.Sum("campaign_sync_campaign_circuit_open"));
        Assert.True(metrics.Sum("campaign_sync_outbox_claimed_total") >= 5, metrics.Text);
        // The meters of the libraries and the runtime are exported with the worker's own.
        foreach (var prefix in new[] { "http_client_request_duration_seconds", "resilience_polly_", "db_client_", "dotnet_gc_" })
        {
            Assert.True(metrics.Names.Any(n => n.StartsWith(prefix, StringComparison.Ordinal)), $"no series named {prefix}…:\n{metrics.Text}");
        }
    }

    [Fact]
    public async Task A_scrape_answers_at_once_while_the_table_the_backlog_gauges_read_is_locked()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(cancellationToken), new SimulatorOptions(), workers: 0);
        var worker = await harness.StartWorkerAsync();
        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(worker), Timeout = TimeSpan.FromSeconds(10) };

        // Another session holds the outbox (a long migration, a VACUUM FULL, a stuck transaction): every read of it waits.
        await using (var locker = await harness.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await locker.BeginTransactionAsync(cancellationToken);
            await locker.ExecuteAsync("lock table campaign_sync.outbox in access exclusive mode", transaction: transaction);
            await locker.ExecuteAsync(
                "insert into campaign_sync.outbox (profile_name, profile_key, operation, available_at) values ('contacts', 'later-1', 'delete', now() + interval '1 hour')",
                transaction: transaction);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var whileLocked = new PrometheusText(await http.GetStringAsync("/metrics", cancellationToken));

            Assert.True(whileLocked.Has("campaign_sync_outbox_backlog") && whileLocked.Has("campaign_sync_outbox_oldest_pending_age_seconds"),
                $"answered in {clock.Elapsed} without the backlog gauges:\n{whileLocked.Text}");
            await transaction.CommitAsync(cancellationToken);
        }

        // Once the lock is gone the sampler reads again, without a scrape asking for it.
        await ScrapeUntilAsync(http, m => m.Sum("campaign_sync_outbox_backlog", ("state", "pending")) == 1, "the row written under the lock");
    }

    [Fact]
    public async Task Every_metric_an_alert_rule_names_is_one_the_worker_exports()
    {
        var rules = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "helm", "campaign-sync", "templates", "prometheusrule.yaml"));
        var named = MetricName().Matches(rules).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(cancellationToken), options, workers: 0);
        await harness.UpsertAsync("good-1", new { email = "one@example.com" });
        await harness.UpsertAsync("bounce-2", new { email = "two@example.com" });
        var worker = await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(worker) };
        var metrics = new PrometheusText(await http.GetStringAsync("/metrics", cancellationToken));

        Assert.True(named.Count >= 10, $"the rules name only {named.Count} metrics: {string.Join(", ", named)}");
        Assert.All(named, name => Assert.True(metrics.Has(name), $"{name} is in the alert rules but not in /metrics:\n{metrics.Text}"));
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the backlog gauges follow the database a few seconds late).</summary>
    private static Task<PrometheusText> ScrapeUntilAsync(HttpClient http, Func<PrometheusText, bool> done, string what) =>
        Eventually.UntilAsync($"/metrics to show {what}",
            async token => new PrometheusText(await http.GetStringAsync("/metrics", token)), done, Patience, last => Task.FromResult(last.Text));

    /// <summary>One created-to-final observation per final outcome line, one submit-to-complete per request that was submitted.</summary>
    private static async Task AssertLatenciesMatchTheDatabaseAsync(PipelineHarness harness, PrometheusText metrics)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var finals = (await connection.QueryAsync<(string State, long Count)>(
            $"select state, count(*) from ({PipelineHarness.EveryOutcome}) e where state <> 'retry' group by state")).ToList();
        var requests = (await connection.QueryAsync<(string State, long Count)>(
            "select state, count(*) from campaign_sync.batch where submitted_at is not null and completed_at is not null group by state")).ToList();

        Assert.NotEmpty(finals);
        Assert.NotEmpty(requests);
        foreach (var (state, count) in finals)
        {
            Assert.Equal(count, metrics.Sum("campaign_sync_outbox_final_latency_seconds_count", ("outcome", state)));
        }

        Assert.Equal(finals.Sum(f => f.Count), metrics.Sum("campaign_sync_outbox_final_latency_seconds_count"));
        foreach (var (state, count) in requests)
        {
            Assert.Equal(count, metrics.Sum("campaign_sync_requests_duration_seconds_count", ("state", state)));
        }

        Assert.Equal(requests.Sum(r => r.Count), metrics.Sum("campaign_sync_requests_duration_seconds_count"));
    }

    private static async Task AssertRecordsMatchTheOutcomeHistoryAsync(PipelineHarness harness, PrometheusText metrics)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var history = (await connection.QueryAsync<(string State, string Code, long Count)>(
            $"select state, coalesce(code, 'none'), count(*) from ({PipelineHarness.EveryOutcome}) e group by 1, 2")).ToList();
        Assert.Contains(("succeeded", "none", 3L), history);
        Assert.Contains(("failed", "1001", 1L), history);
        Assert.Contains(("failed", "invalid_row", 1L), history);
        foreach (var (state, code, count) in history)
        {
            Assert.Equal(count, metrics.Sum("campaign_sync_records_total", ("outcome", state), ("code", code)));
        }

        Assert.Equal(history.Sum(h => h.Count), metrics.Sum("campaign_sync_records_total"));
    }

    // A metric name in a PromQL expression: the worker's own and the exported library meters' prefixes.
    [GeneratedRegex(@"\b(campaign_sync|http_client|resilience_polly|db_client|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
