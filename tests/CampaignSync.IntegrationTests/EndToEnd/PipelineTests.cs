using System.Text.Json;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Polling;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignSync.IntegrationTests.EndToEnd;

[Trait("Category", "Pipeline")]
[Collection(HangfireHosts.Name)]
public sealed class PipelineTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly string[] FinalStates = ["succeeded", "failed", "dead", "superseded"];

    [Fact]
    public async Task Every_row_gets_one_final_outcome_and_error_file_failures_land_on_their_rows()
    {
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 0);
        var good = await harness.UpsertAsync("c-1", new { email = "one@example.com" });
        var bounced = await harness.UpsertAsync("bounce-2", new { email = "two@example.com" });
        var invalid = await harness.UpsertAsync("c-3", new { email = new { nested = true } });
        var folded = await harness.UpsertAsync("c-4", new { email = "four@example.com" });
        var carrier = await harness.UpsertAsync("c-4", new { email = "four.new@example.com" });
        var deleted = await harness.DeleteAsync("never-existed");

        // Started after the writes, so both rows of c-4 are pending together and fold into one record.
        await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal("succeeded", rows[good].State);
        Assert.Equal(("failed", "1001", "Invalid email address"), (rows[bounced].State, rows[bounced].OutcomeCode, rows[bounced].OutcomeDescription));
        Assert.Equal(("failed", "invalid_row"), (rows[invalid].State, rows[invalid].OutcomeCode));
        Assert.Equal("superseded", rows[folded].State);
        Assert.Equal("succeeded", rows[carrier].State);
        Assert.Equal("succeeded", rows[deleted].State);
        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal("four.new@example.com", profiles["c-4"]["email"]);
        Assert.False(profiles.ContainsKey("bounce-2"));
        await AssertOneFinalOutcomePerRowAsync(harness);
    }

    [Fact]
    public async Task Three_pipelines_end_with_the_fold_of_the_outbox_and_no_overlapping_requests()
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 3,
            new Dictionary<string, string?> { ["Outbox:ClaimSize"] = "700", ["Batching:MaxRecords"] = "250" });
        var random = new Random(7);
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            for (var chunk = 0; chunk < 20; chunk++)
            {
                var rows = Enumerable.Range(0, 1_000).Select(_ => RandomChange(random)).ToList();
                await connection.ExecuteAsync(
                    """
                    insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
                    select 'contacts', k, op, a::jsonb from unnest(@keys, @ops, @attrs) as r(k, op, a)
                    """,
                    new { keys = rows.Select(r => r.Key).ToArray(), ops = rows.Select(r => r.Op).ToArray(), attrs = rows.Select(r => r.Json).ToArray() });
            }
        }

        await harness.WaitUntilAllFinalAsync(Patience);

        var expected = ReferenceFold(await harness.RowsAsync());
        var actual = await harness.SimulatorProfilesAsync();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, attributes) in expected)
        {
            Assert.Equal(attributes.OrderBy(a => a.Key), actual[key].OrderBy(a => a.Key));
        }

        Assert.Equal(0, await harness.SimulatorStatAsync("overlapping_key_requests"));
        await AssertOneFinalOutcomePerRowAsync(harness);
    }

    [Fact]
    public async Task A_poll_job_run_twice_changes_nothing_the_second_time()
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions());
        await harness.UpsertAsync("twice-1", new { email = "a@example.com" });
        await harness.WaitUntilAllFinalAsync(Patience);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var batchId = await connection.ExecuteScalarAsync<long>("select max(id) from campaign_sync.batch");
        var before = await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.outcome");

        var job = ActivatorUtilities.CreateInstance<QueryStatusPollJob>(harness.Services);
        await job.PollAsync(batchId, TestContext.Current.CancellationToken);
        await job.PollAsync(batchId, TestContext.Current.CancellationToken);

        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.outcome"));
        Assert.Equal("completed", await connection.ExecuteScalarAsync<string>("select state from campaign_sync.batch where id = @batchId", new { batchId }));
    }

    [Fact]
    public async Task A_request_that_never_completes_expires_and_its_rows_are_sent_again()
    {
        var options = new SimulatorOptions { NeverComplete = true };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, settings:
            new Dictionary<string, string?> { ["Submission:RequestDeadline"] = "00:00:02" });
        var id = await harness.UpsertAsync("slow-1", new { email = "a@example.com" });
        await WaitForAsync(harness, "select count(*) from campaign_sync.batch where state = 'expired'");

        options.NeverComplete = false;
        await harness.WaitUntilAllFinalAsync(Patience);

        var row = (await harness.RowsAsync()).Single(r => r.Id == id);
        Assert.Equal("succeeded", row.State);
        Assert.True(row.Attempts >= 2);
    }

    [Fact]
    public async Task A_worker_stopped_between_submit_and_request_id_is_recovered_after_the_deadline()
    {
        var connectionString = await NewDatabaseAsync();
        await using var harness = await PipelineHarness.StartAsync(connectionString, new SimulatorOptions(), workers: 0);
        var id = await harness.UpsertAsync("crash-1", new { email = "a@example.com" });
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // What a crash leaves: the batch row written and the rows moved into it, but no request id.
            var batchId = await connection.ExecuteScalarAsync<long>(
                """
                insert into campaign_sync.batch (profile_name, operation, upsert_mode, update_link, record_count, lease_owner, fence, deadline_at)
                values ('contacts', 'upsert', 1, 2, 1, 'crashed-worker', 1, now() - interval '1 second') returning id
                """);
            await connection.ExecuteAsync(
                "update campaign_sync.outbox set state = 'in_flight', batch_id = @batchId, record_index = 1 where id = @id", new { batchId, id });
        }

        await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        Assert.Equal("succeeded", (await harness.RowsAsync()).Single(r => r.Id == id).State);
    }

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

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    private static async Task WaitForAsync(PipelineHarness harness, string countSql)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        await using var connection = await harness.DataSource.OpenConnectionAsync(deadline.Token);
        while (await connection.ExecuteScalarAsync<long>(countSql) == 0)
        {
            await Task.Delay(200, deadline.Token);
        }
    }

    private static async Task AssertOneFinalOutcomePerRowAsync(PipelineHarness harness)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var wrong = await connection.ExecuteScalarAsync<long>(
            """
            select count(*) from campaign_sync.outbox o
            where (select count(*) from campaign_sync.outcome h where h.outbox_id = o.id and h.state <> 'retry') <> 1
            """);
        Assert.Equal(0, wrong);
    }

    private static (string Key, string Op, string Json) RandomChange(Random random)
    {
        var key = $"contact-{random.Next(2_000)}";
        return random.Next(10) < 3
            ? (key, "delete", "{}")
            : (key, "upsert", JsonSerializer.Serialize(new Dictionary<string, string> { [$"a{random.Next(3)}"] = $"v{random.Next(1_000_000)}" }));
    }

    /// <summary>What Campaign should hold: every sent row applied in id order (upserts merge, deletes remove).</summary>
    private static Dictionary<string, Dictionary<string, string>> ReferenceFold(IEnumerable<OutboxRow> rows)
    {
        var state = new Dictionary<string, Dictionary<string, string>>();
        foreach (var row in rows.Where(r => r.State is "succeeded" or "superseded").OrderBy(r => r.Id))
        {
            if (row.Operation == "delete")
            {
                state.Remove(row.ProfileKey);
                continue;
            }

            var profile = state.TryGetValue(row.ProfileKey, out var existing) ? existing : state[row.ProfileKey] = [];
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(row.AttributesJson)!)
            {
                profile[name] = value;
            }
        }

        return state;
    }
}
