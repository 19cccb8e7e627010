using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>A small real run under throttling, then one scrape of /metrics checked against the database and the simulator.</summary>
[Trait("Category", "Operations")]
[Collection(SerialRuns.Name)]
public sealed class MetricsEndpointTests(PostgresFixture server)
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
        var metrics = new PrometheusText(await http.GetStringAsync("/metrics", cancellationToken));

        await AssertRecordsMatchTheOutcomeHistoryAsync(harness, metrics);
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
    }

    private static async Task AssertRecordsMatchTheOutcomeHistoryAsync(PipelineHarness harness, PrometheusText metrics)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var history = (await connection.QueryAsync<(string State, string Code, long Count)>(
            "select state, coalesce(code, 'none'), count(*) from campaign_sync.outcome group by 1, 2")).ToList();
        Assert.Contains(("succeeded", "none", 3L), history);
        Assert.Contains(("failed", "1001", 1L), history);
        Assert.Contains(("failed", "invalid_row", 1L), history);
        foreach (var (state, code, count) in history)
        {
            Assert.Equal(count, metrics.Sum("campaign_sync_records_total", ("outcome", state), ("code", code)));
        }

        Assert.Equal(history.Sum(h => h.Count), metrics.Sum("campaign_sync_records_total"));
    }
}
