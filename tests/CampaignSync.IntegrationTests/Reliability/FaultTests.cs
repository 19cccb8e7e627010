using CampaignSync.Database;
using CampaignSync.DevHost.PrivateCluster;
using CampaignSync.IntegrationTests.Campaign;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// Faults around the worker: Postgres restarting under it, and an API that fails, throttles or hangs. Each run
/// must end with every row final exactly once, Campaign holding the fold of the outbox, and no contact ever in two
/// unfinished requests. Row counts are small in CI; <see cref="FullSizeVariable"/>=1 runs the sizes.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class FaultTests(PostgresFixture server)
{
    /// <summary>Set to 1 to run the full-size variants (tens of thousands of rows).</summary>
    public const string FullSizeVariable = "CAMPAIGNSYNC_RELIABILITY_FULL";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);
    private static readonly bool FullSize = Environment.GetEnvironmentVariable(FullSizeVariable) == "1";

    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["Submission:RequestDeadline"] = "00:00:30",
        ["Outbox:LeaseDuration"] = "00:00:10",
        ["Campaign:AttemptTimeout"] = "00:00:05",
        ["Campaign:TotalTimeout"] = "00:00:14",
        ["Campaign:RetryBaseDelay"] = "00:00:00.100",
    };

    [Fact]
    public async Task Postgres_restarting_mid_run_loses_nothing()
    {
        await using var cluster = await PrivatePostgresCluster.StartAsync(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TestContext.Current.CancellationToken);
        SchemaMigrator.Migrate(cluster.ConnectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using var harness = await PipelineHarness.StartAsync(cluster.ConnectionString, new SimulatorOptions(), workers: 1, FastRecovery);
        await harness.InsertRandomChangesAsync(rows: FullSize ? 50_000 : 5_000, contacts: 1_000, seed: 11);
        await harness.WaitForFinalRowsAsync(atLeast: 500, Patience);

        await cluster.RestartAsync(TestContext.Current.CancellationToken);
        NpgsqlConnection.ClearAllPools();
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertNothingLostAsync(harness);
    }

    [Fact]
    public async Task Thirty_percent_server_errors_are_retried_until_every_row_is_final()
    {
        var options = new SimulatorOptions { ServerErrorRate = 0.3 };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 1, FastRecovery);
        await harness.InsertRandomChangesAsync(rows: FullSize ? 20_000 : 3_000, contacts: 500, seed: 12);

        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertNothingLostAsync(harness);
        Assert.True(await harness.SimulatorStatAsync("server_errors") > 0);
    }

    [Fact]
    public async Task Server_errors_on_every_call_open_the_circuit_and_it_closes_when_they_stop()
    {
        var options = new SimulatorOptions { ServerErrorRate = 1.0 };
        var logs = new CollectingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 0);
        await harness.InsertRandomChangesAsync(rows: FullSize ? 5_000 : 500, contacts: 200, seed: 14);
        var settings = new Dictionary<string, string?>(FastRecovery) { ["Logging:LogLevel:CampaignSync"] = "Information" };
        await harness.StartWorkerAsync(settings, configure: builder => builder.Logging.AddProvider(logs));
        await WaitForLogAsync(logs, "CircuitOpened");

        options.ServerErrorRate = 0;
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertNothingLostAsync(harness);
        Assert.Contains(logs.Entries, e => e.EventName == "CircuitClosed");
    }

    [Fact]
    public async Task Every_call_answered_429_for_a_while_is_waited_out()
    {
        var options = new SimulatorOptions { ThrottleEverything = true };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 1, FastRecovery);
        await harness.InsertRandomChangesAsync(rows: FullSize ? 5_000 : 500, contacts: 200, seed: 15);
        // "A while" is counted in refusals, not seconds: each refusal asks for a 1 s wait, so these are the worker's
        // retries and its rows' backoff over many seconds, however long a busy machine takes to start sending.
        var refusals = FullSize ? 200 : 40;
        await Eventually.UntilAsync($"{refusals} calls answered 429", _ => harness.SimulatorStatAsync("throttled"),
            throttled => throttled >= refusals, Patience, async _ => await harness.DescribeStatesAsync());
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.outbox where state not in ('pending', 'in_flight')"));
        }

        options.ThrottleEverything = false;
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertNothingLostAsync(harness);
    }

    [Fact]
    public async Task Throttling_and_a_hanging_api_are_waited_out()
    {
        var options = new SimulatorOptions { RequestsPerSecond = 5, AddedLatency = TimeSpan.FromSeconds(3) };
        var settings = new Dictionary<string, string?>(FastRecovery) { ["Campaign:AttemptTimeout"] = "00:00:02", ["Campaign:TotalTimeout"] = "00:00:10" };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 1, settings);
        await harness.InsertRandomChangesAsync(rows: FullSize ? 5_000 : 500, contacts: 200, seed: 13);
        await WaitForBatchesAsync(harness, atLeast: 3);

        options.AddedLatency = TimeSpan.Zero;
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertNothingLostAsync(harness);
        Assert.True(await harness.SimulatorStatAsync("throttled") > 0);
    }

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    private static async Task AssertNothingLostAsync(PipelineHarness harness)
    {
        var rows = await harness.RowsAsync();
        Assert.All(rows, r => Assert.Contains(r.State, new[] { "succeeded", "superseded" }));
        await harness.AssertOneFinalOutcomePerRowAsync();
        await ReferenceFold.AssertMatchesAsync(harness);
        Assert.Equal(0, await harness.SimulatorStatAsync("overlapping_key_requests"));
    }

    private static async Task WaitForLogAsync(CollectingLoggerProvider logs, string eventName) =>
        await Eventually.UntilAsync($"the event {eventName} in the worker's log", _ => Task.FromResult(logs.Entries.Count(e => e.EventName == eventName)),
            seen => seen > 0, Patience);

    private static async Task WaitForBatchesAsync(PipelineHarness harness, long atLeast) =>
        await Eventually.UntilAsync($"{atLeast} batches", async token =>
        {
            await using var connection = await harness.DataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from campaign_sync.batch", cancellationToken: token));
        }, batches => batches >= atLeast, Patience, _ => harness.DescribeStatesAsync());
}
