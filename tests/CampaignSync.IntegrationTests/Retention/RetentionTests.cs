using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.IntegrationTests.Reliability;
using CampaignSync.Retention;
using CampaignSync.Simulator;
using Dapper;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignSync.IntegrationTests.Retention;

/// <summary>
/// Retention (issue 14) with the real worker, the simulator and the recurring job's entry point: generation after
/// generation of rows flows through while passes run, and the tables stay bounded. Ages are seconds here so a test
/// can see them pass; the rules are the production ones.
/// </summary>
[Trait("Category", "Operations")]
[Collection(HeavyRuns.Name)]
public sealed class RetentionTests(PostgresFixture server)
{
    private static readonly bool FullSize = Environment.GetEnvironmentVariable(FaultTests.FullSizeVariable) == "1";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(FullSize ? 20 : 4);
    private static readonly TimeSpan FinalRowsAge = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Generations_of_rows_flowing_through_keep_every_table_bounded()
    {
        const int Generations = 5;
        var rows = FullSize ? 100_000 : 5_000;
        var simulator = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bad-", "1001", "Invalid email address")] };
        await using var harness = await StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), simulator,
            settings: new Dictionary<string, string?>
            {
                ["Retention:FinalRows"] = FinalRowsAge.ToString(),
                // Failed rows are kept longer than the test runs: they and their batches stay, the rest goes.
                ["Retention:FailedRows"] = "01:00:00",
                // The shortest that may be set: the audit keeps an action at least 30 days (migration 0012).
                ["Retention:OperatorActions"] = "30.00:00:00",
                ["Retention:HangfireFailedJobs"] = "00:00:01",
                ["Retention:ChunkSize"] = "500",
            });
        var job = harness.Services.GetRequiredService<RetentionJob>();
        var failedJob = harness.Services.GetRequiredService<IBackgroundJobClient>()
            .Create<RetentionJob>(j => j.RunAsync(CancellationToken.None), new FailedState(new InvalidOperationException("failed for the retention test")));
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                "insert into campaign_sync.operator_action (action, actor, acted_at, filter, row_count, outbox_ids) values ('retry', 'retention-test', now() - interval '31 days', 'code=1001', 0, '{}')");
        }

        var sizes = new List<TableSizes>();
        for (var generation = 1; generation <= Generations; generation++)
        {
            await InsertGenerationAsync(harness, rows, generation);
            // A pass while the generation flows: it must take nothing unfinished and block nothing.
            var during = job.RunAsync(TestContext.Current.CancellationToken);
            await harness.WaitUntilAllFinalAsync(Patience);
            await during;

            await WaitUntilNewestFinalRowIsOlderThanAsync(harness, FinalRowsAge);
            await job.RunAsync(TestContext.Current.CancellationToken);
            var size = await SizesAsync(harness);
            sizes.Add(size);
            TestContext.Current.TestOutputHelper?.WriteLine($"generation {generation}: {size}");

            Assert.True(size.SucceededOrSuperseded == 0, $"Generation {generation}: {size}");
            Assert.True(size.FailedRows == generation * (rows / 50), $"Generation {generation}: {size}");
            await harness.AssertOneFinalOutcomePerRowAsync();
        }

        // Bounded: what stays is the failed rows kept for longer, their history and their batches, not the flow.
        var first = sizes[0];
        var last = sizes[^1];
        Assert.True(last.Outbox <= Generations * first.Outbox && last.Outbox < rows, string.Join("; ", sizes));
        Assert.True(last.Outcome <= Generations * first.Outcome && last.Outcome < rows, string.Join("; ", sizes));
        Assert.True(last.Batches <= Generations * Math.Max(first.Batches, 1) + Generations, string.Join("; ", sizes));
        Assert.Equal(0, last.OperatorActions);
        using (var hangfire = harness.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.Equal(DeletedState.StateName, hangfire.GetStateData(failedJob).Name);
        }

        // A replica that keeps failed rows for a second only: they go with their history, and then their batches.
        var shortMemory = await harness.StartWorkerAsync(new Dictionary<string, string?>
        {
            ["Retention:FinalRows"] = FinalRowsAge.ToString(),
            ["Retention:FailedRows"] = FinalRowsAge.ToString(),
        });
        RemoveScheduledPass(shortMemory.Services);
        await shortMemory.Services.GetRequiredService<RetentionJob>().RunAsync(TestContext.Current.CancellationToken);
        var empty = await SizesAsync(harness);
        Assert.True(empty is { Outbox: 0, Outcome: 0, History: 0, Batches: 0 }, empty.ToString());
    }

    [Fact]
    public async Task A_pass_is_skipped_while_another_replica_runs_one()
    {
        await using var harness = await StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), new SimulatorOptions(),
            settings: new Dictionary<string, string?> { ["Retention:FinalRows"] = FinalRowsAge.ToString() });
        await harness.InsertUpsertsAsync(100);
        await harness.WaitUntilAllFinalAsync(Patience);
        await WaitUntilNewestFinalRowIsOlderThanAsync(harness, FinalRowsAge);
        var store = harness.Services.GetRequiredService<RetentionStore>();

        RetentionResult? whileHeld;
        await using (var otherReplica = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await otherReplica.ExecuteAsync("select pg_advisory_lock(@key)", new { key = RetentionStore.PassLockKey });
            whileHeld = await store.RunAsync(TestContext.Current.CancellationToken);
            await otherReplica.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = RetentionStore.PassLockKey });
        }

        var after = await store.RunAsync(TestContext.Current.CancellationToken);

        Assert.Null(whileHeld);
        Assert.Equal(100, after?.FinalRows);
    }

    [Fact]
    public async Task Old_finished_CRM_runs_go_unless_the_snapshot_or_a_kept_run_still_refers_to_them()
    {
        await using var harness = await StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), new SimulatorOptions(),
            settings: new Dictionary<string, string?> { ["Retention:CrmRuns"] = "01:00:00" });
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // Each run is named by its profile: what it is and how old.
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.crm_run (profile_name, trigger, state, failure, started_at, finished_at)
            values ('old-succeeded', 'schedule', 'succeeded', null, now() - interval '2 days', now() - interval '2 days'),
                   ('old-failed', 'schedule', 'failed', 'read_failed', now() - interval '2 days', now() - interval '2 days'),
                   ('old-in-snapshot', 'schedule', 'succeeded', null, now() - interval '2 days', now() - interval '2 days'),
                   ('old-confirmed', 'schedule', 'confirmed', 'delete_brake', now() - interval '2 days', now() - interval '2 days'),
                   ('old-running', 'schedule', 'running', null, now() - interval '2 days', null),
                   ('recent', 'schedule', 'succeeded', null, now() - interval '1 minute', now() - interval '1 minute');
            insert into campaign_sync.crm_run (profile_name, trigger, state, confirms_run_id, started_at, finished_at)
            select 'recent-confirming', 'confirm', 'succeeded', id, now() - interval '1 minute', now() - interval '1 minute'
            from campaign_sync.crm_run where profile_name = 'old-confirmed';
            insert into campaign_sync.crm_snapshot (profile_name, contact_id, profile_key, hash, run_id)
            select 'contacts', 1, 'C-1', 'hash', id from campaign_sync.crm_run where profile_name = 'old-in-snapshot';
            """);

        await harness.Services.GetRequiredService<RetentionStore>().RunAsync(TestContext.Current.CancellationToken);

        var kept = (await connection.QueryAsync<string>("select profile_name from campaign_sync.crm_run order by profile_name")).ToList();
        Assert.Equal(["old-confirmed", "old-in-snapshot", "old-running", "recent", "recent-confirming"], kept);
    }

    [Fact]
    public async Task The_dashboard_overview_says_how_far_back_history_goes()
    {
        await using var harness = await StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), new SimulatorOptions(),
            settings: new Dictionary<string, string?> { ["Retention:FinalRows"] = "3.00:00:00", ["Retention:CrmRuns"] = "12:00:00" });
        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"viewer:{PipelineHarness.ViewerPassword}")));

        var overview = await http.GetStringAsync("/hangfire/campaign-sync", TestContext.Current.CancellationToken);

        Assert.Contains("id=\"retention-final-rows\">3.0 d<", overview, StringComparison.Ordinal);
        Assert.Contains("id=\"retention-failed-rows\">90.0 d<", overview, StringComparison.Ordinal);
        Assert.Contains("id=\"retention-operator-actions\">365.0 d<", overview, StringComparison.Ordinal);
        Assert.Contains("id=\"retention-crm-runs\">12.0 h<", overview, StringComparison.Ordinal);
        Assert.Contains("id=\"retention-hangfire-failed-jobs\">30.0 d<", overview, StringComparison.Ordinal);
    }

    /// <summary>Upserts of contacts <c>C-1</c>…, every 50th of a key Campaign refuses (it stays failed).</summary>
    private static async Task InsertGenerationAsync(PipelineHarness harness, int rows, int generation)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', case when g % 50 = 0 then 'bad-' else 'C-' end || g, 'upsert', jsonb_build_object('email', 'c' || g || '-' || @generation || '@example.com')
            from generate_series(1, @rows) g
            """,
            new { rows, generation });
    }

    private static async Task WaitUntilNewestFinalRowIsOlderThanAsync(PipelineHarness harness, TimeSpan age) =>
        await Eventually.UntilAsync($"the newest final row to be older than {age}", async token =>
        {
            await using var connection = await harness.DataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select coalesce(max(completed_at) < now() - @age, true) from campaign_sync.outbox", new { age }, cancellationToken: token));
        }, older => older, Patience);

    private static async Task<TableSizes> SizesAsync(PipelineHarness harness)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // Outcome counts every outcome line of the rows' stories: the history lines and the final outcomes rows hold.
        return await connection.QuerySingleAsync<TableSizes>(
            $"""
            select (select count(*) from campaign_sync.outbox) as Outbox,
                   (select count(*) from campaign_sync.outbox where state in ('succeeded', 'superseded')) as SucceededOrSuperseded,
                   (select count(*) from campaign_sync.outbox where state in ('failed', 'dead')) as FailedRows,
                   (select count(*) from ({PipelineHarness.EveryOutcome}) e) as Outcome,
                   (select count(*) from campaign_sync.outcome) as History,
                   (select count(*) from campaign_sync.batch) as Batches,
                   (select count(*) from campaign_sync.operator_action) as OperatorActions
            """);
    }

    private sealed record TableSizes(long Outbox, long SucceededOrSuperseded, long FailedRows, long Outcome, long History, long Batches, long OperatorActions);

    private static async Task<PipelineHarness> StartAsync(string connectionString, SimulatorOptions simulator,
        IReadOnlyDictionary<string, string?> settings)
    {
        var harness = await PipelineHarness.StartAsync(connectionString, simulator, settings: settings);
        RemoveScheduledPass(harness.Services);
        return harness;
    }

    // Every host puts the retention job into Hangfire on its quarter-hour schedule (RetentionSchedule). A scheduled pass
    // that fell inside a test would take the pass lock from the pass the test runs, or delete its rows first: these
    // tests run each pass themselves.
    private static void RemoveScheduledPass(IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(RetentionJob.RecurringJobId);
}
