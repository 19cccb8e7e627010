using CampaignSync.Cli;
using CampaignSync.Operations;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Polling;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignSync.IntegrationTests.EndToEnd;

[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class PipelineTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly string[] FinalStates = ["succeeded", "failed", "dead", "superseded"];

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Every_row_gets_one_final_outcome_and_error_file_failures_land_on_their_rows(string transport)
    {
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 0);
        var good = await harness.UpsertAsync("c-1", new { email = "one@example.com" });
        var bounced = await harness.UpsertAsync("bounce-2", new { email = "two@example.com" });
        var invalid = await harness.UpsertAsync("c-3", new { email = new { nested = true } });
        var folded = await harness.UpsertAsync("c-4", new { email = "four@example.com" });
        var carrier = await harness.UpsertAsync("c-4", new { city = "Leeds" });
        var deleted = await harness.DeleteAsync("never-existed");

        // Started after the writes, so both rows of c-4 are pending together and fold into one record.
        await harness.StartWorkerAsync(UpsertTransports.Settings(transport));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal("succeeded", rows[good].State);
        Assert.Equal(("failed", "1001", "Invalid email address"), (rows[bounced].State, rows[bounced].OutcomeCode, rows[bounced].OutcomeDescription));
        Assert.Equal(("failed", "invalid_row"), (rows[invalid].State, rows[invalid].OutcomeCode));
        Assert.Equal("superseded", rows[folded].State);
        Assert.Equal("succeeded", rows[carrier].State);
        Assert.Equal("succeeded", rows[deleted].State);
        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal(("four@example.com", "Leeds"), (profiles["c-4"]["email"], profiles["c-4"]["city"]));
        Assert.False(profiles.ContainsKey("bounce-2"));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Three_pipelines_end_with_the_fold_of_the_outbox_and_no_overlapping_requests(string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 3,
            UpsertTransports.Settings(transport, new Dictionary<string, string?> { ["Outbox:ClaimSize"] = "700", ["Batching:MaxRecords"] = "250" }));
        await harness.InsertRandomChangesAsync(rows: 20_000, contacts: 2_000, seed: 7);

        await harness.WaitUntilAllFinalAsync(Patience);

        await ReferenceFold.AssertMatchesAsync(harness);
        Assert.Equal(0, await harness.SimulatorStatAsync("overlapping_key_requests"));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    // AsyncFile only: Bulk and Single answer at once and schedule no status poll job.
    [Fact]
    public async Task A_poll_job_run_twice_changes_nothing_the_second_time()
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions());
        await harness.UpsertAsync("twice-1", new { email = "a@example.com" });
        await harness.WaitUntilAllFinalAsync(Patience);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var batchId = await connection.ExecuteScalarAsync<long>("select max(id) from campaign_sync.batch");
        // The outcomes written: the history lines and each row's final outcome, when it was written.
        const string Outcomes = $"select count(*) || ' lines; ' || string_agg(concat_ws(' ', outbox_id, state, code), ', ' order by outbox_id) from ({PipelineHarness.EveryOutcome}) e";
        const string Finals = "select string_agg(concat_ws(' ', id, state, attempts, completed_at), ', ' order by id) from campaign_sync.outbox";
        var before = (await connection.ExecuteScalarAsync<string>(Outcomes), await connection.ExecuteScalarAsync<string>(Finals));

        var job = ActivatorUtilities.CreateInstance<QueryStatusPollJob>(harness.Services);
        await job.PollAsync(batchId, TestContext.Current.CancellationToken);
        await job.PollAsync(batchId, TestContext.Current.CancellationToken);

        Assert.Equal(before, (await connection.ExecuteScalarAsync<string>(Outcomes), await connection.ExecuteScalarAsync<string>(Finals)));
        Assert.Equal("completed", await connection.ExecuteScalarAsync<string>("select state from campaign_sync.batch where id = @batchId", new { batchId }));
    }

    // AsyncFile only: a Bulk or Single call ends within Campaign:TotalTimeout, under half the deadline, so it cannot stall.
    [Fact]
    public async Task A_request_still_processing_past_its_deadline_stalls_and_holds_its_contact_until_Campaign_answers()
    {
        var options = new SimulatorOptions { NeverComplete = true };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, settings: new Dictionary<string, string?>
        {
            ["Submission:RequestDeadline"] = "00:00:10",
            ["Campaign:AttemptTimeout"] = "00:00:02",
            ["Campaign:TotalTimeout"] = "00:00:04",
        });
        var id = await harness.UpsertAsync("slow-1", new { email = "a@example.com" });
        await WaitForAsync(harness, "select count(*) from campaign_sync.batch where stalled_at is not null");
        var newer = await harness.UpsertAsync("slow-1", new { email = "b@example.com" });

        // Two more polls of the stalled request: the newer row of its contact is still not sent.
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var polls = await connection.ExecuteScalarAsync<int>("select polls from campaign_sync.batch where stalled_at is not null");
        await WaitForAsync(harness, $"select count(*) from campaign_sync.batch where stalled_at is not null and polls >= {polls + 2}");
        Assert.Equal("pending", (await harness.RowsAsync()).Single(r => r.Id == newer).State);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.batch"));

        options.NeverComplete = false;
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("succeeded", 1), (rows[id].State, rows[id].Attempts));
        Assert.Equal("succeeded", rows[newer].State);
        Assert.Equal("b@example.com", (await harness.SimulatorProfilesAsync())["slow-1"]["email"]);
        Assert.Equal(0, await harness.SimulatorStatAsync("overlapping_key_requests"));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    // AsyncFile only: only an async request can stall (above).
    [Fact]
    public async Task An_operator_abandons_a_stalled_request_and_its_rows_are_sent_again()
    {
        var options = new SimulatorOptions { NeverComplete = true };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, settings: new Dictionary<string, string?>
        {
            ["Submission:RequestDeadline"] = "00:00:10",
            ["Campaign:AttemptTimeout"] = "00:00:02",
            ["Campaign:TotalTimeout"] = "00:00:04",
        });
        var id = await harness.UpsertAsync("stalled-1", new { email = "a@example.com" });
        await WaitForAsync(harness, "select count(*) from campaign_sync.batch where stalled_at is not null");
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var batchId = await connection.ExecuteScalarAsync<long>("select id from campaign_sync.batch where stalled_at is not null");
        var store = ActivatorUtilities.CreateInstance<StalledRequestStore>(harness.Services);
        var output = new StringWriter();

        var unconfirmed = await AbandonCommand.RunAsync(store, batchId, "alice", yes: false, output, TestContext.Current.CancellationToken);
        Assert.Equal((CliConsole.ExitNotConfirmed, "in_flight"), (unconfirmed, (await harness.RowsAsync()).Single(r => r.Id == id).State));

        options.NeverComplete = false;
        var done = await AbandonCommand.RunAsync(store, batchId, "alice", yes: true, output, TestContext.Current.CancellationToken);
        await harness.WaitUntilAllFinalAsync(Patience);

        Assert.Equal(CliConsole.ExitOk, done);
        Assert.Equal(("succeeded", 2), ((await harness.RowsAsync()).Single(r => r.Id == id).State, (await harness.RowsAsync()).Single(r => r.Id == id).Attempts));
        Assert.Equal(("expired", "abandoned"), await connection.QuerySingleAsync<(string, string)>("select state, code from campaign_sync.batch where id = @batchId", new { batchId }));
        Assert.Equal(("abandon", "alice", 1), await connection.QuerySingleAsync<(string, string, int)>("select action, actor, row_count from campaign_sync.operator_action"));
        Assert.Equal(CliConsole.ExitFailed, await AbandonCommand.RunAsync(store, batchId, "alice", yes: true, output, TestContext.Current.CancellationToken));
    }

    // AsyncFile only: Bulk and Single schedule no status poll job.
    [Fact]
    public async Task Two_poll_jobs_running_at_once_while_the_request_completes_write_one_outcome_per_row()
    {
        var options = new SimulatorOptions { NeverComplete = true };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options,
            settings: new Dictionary<string, string?> { ["Polling:FirstPollDelay"] = "00:10:00", ["Polling:LostPollGrace"] = "01:00:00" });
        for (var i = 0; i < 50; i++)
        {
            await harness.UpsertAsync($"twice-{i}", new { email = $"p{i}@mail.example" });
        }

        await WaitForAsync(harness, "select count(*) from campaign_sync.outbox where state = 'in_flight' having count(*) = 50");
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var batchIds = (await connection.QueryAsync<long>("select id from campaign_sync.batch")).ToList();
        options.NeverComplete = false;
        await WaitForRequestsDoneAsync(harness, batchIds.Count);

        var first = ActivatorUtilities.CreateInstance<QueryStatusPollJob>(harness.Services);
        var second = ActivatorUtilities.CreateInstance<QueryStatusPollJob>(harness.Services);
        await Task.WhenAll(batchIds.SelectMany(b => new[]
        {
            Task.Run(() => first.PollAsync(b, TestContext.Current.CancellationToken)),
            Task.Run(() => second.PollAsync(b, TestContext.Current.CancellationToken)),
        }));

        await harness.WaitUntilAllFinalAsync(Patience);
        await harness.AssertOneFinalOutcomePerRowAsync();
        Assert.Equal(batchIds.Count, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.batch where state = 'completed'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.contact_hold"));
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task A_worker_stopped_between_submit_and_request_id_is_recovered_after_the_deadline(string transport)
    {
        var connectionString = await NewDatabaseAsync();
        await using var harness = await PipelineHarness.StartAsync(connectionString, new SimulatorOptions(), workers: 0);
        var id = await harness.UpsertAsync("crash-1", new { email = "a@example.com" });
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // What a crash leaves: the batch row written and the rows moved into it, but no request id (under Bulk and
            // Single, which have none, what a worker killed during the call leaves); the rows are sent again by the transport.
            var batchId = await connection.ExecuteScalarAsync<long>(
                """
                insert into campaign_sync.batch (profile_name, operation, upsert_mode, update_link, record_count, lease_owner, fence, deadline_at)
                values ('contacts', 'upsert', 1, 2, 1, 'crashed-worker', 1, now() - interval '1 second') returning id
                """);
            await connection.ExecuteAsync(
                "update campaign_sync.outbox set state = 'in_flight', batch_id = @batchId, record_index = 1 where id = @id", new { batchId, id });
        }

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport));
        await harness.WaitUntilAllFinalAsync(Patience);

        Assert.Equal("succeeded", (await harness.RowsAsync()).Single(r => r.Id == id).State);
        Assert.Equal("a@example.com", (await harness.SimulatorProfilesAsync())["crash-1"]["email"]);
    }

    // AsyncFile only: Bulk and Single read each record's outcome from the call's answer; there is no error file.
    [Fact]
    public async Task A_malformed_error_file_is_recorded_on_the_request_and_every_row_ends()
    {
        var options = new SimulatorOptions
        {
            ErrorFileFault = ErrorFileFault.Malformed,
            KeyFailureRules = [new KeyFailureRule("^bad-", "1001", "Invalid email address")],
        };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, settings:
            new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "2" });
        var ids = new[]
        {
            await harness.UpsertAsync("bad-1", new { email = "x" }),
            await harness.UpsertAsync("ok-2", new { email = "y@example.com" }),
        };

        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = await harness.RowsAsync();
        Assert.All(ids, id => Assert.Contains(rows.Single(r => r.Id == id).State, FinalStates));
        Assert.Equal("failed", rows.Single(r => r.Id == ids[0]).State);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.batch where jsonb_array_length(anomalies) > 0") > 0);
    }

    private static async Task WaitForRequestsDoneAsync(PipelineHarness harness, int count) =>
        await Eventually.UntilAsync($"{count} requests done in the simulator", _ => harness.SimulatorStatAsync("async_requests_completed"),
            done => done >= count, Patience, _ => harness.DescribeStatesAsync());

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    private static async Task WaitForAsync(PipelineHarness harness, string countSql) =>
        await Eventually.UntilAsync($"a row counted by `{countSql}`", async token =>
        {
            await using var connection = await harness.DataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(countSql, cancellationToken: token));
        }, count => count > 0, Patience, _ => harness.DescribeStatesAsync());
}
