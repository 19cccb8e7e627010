using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// Attempts count sends (issue 13): a refusal that provably sent nothing costs no attempt, and every class of refusal
/// ends (a bounded number of refusals, then <c>dead</c> with the code). A permanent code from the status call ends
/// the request with that code. All with the default <c>Outbox:MaxAttempts</c>.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class RefusalTests(PostgresFixture server)
{
    // Long enough for three one-second alert pauses and their backoffs; today's code never ends these rows at all.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly Dictionary<string, string?> ShortPauses = new()
    {
        ["Submission:AlertPause"] = "00:00:01",
        ["Outbox:MaxRefusals"] = "3",
    };

    [Fact]
    public async Task A_delete_refused_with_498_costs_no_attempt_and_is_dead_with_498_after_the_refusals_run_out()
    {
        var options = new SimulatorOptions { ExpiredKeys = [SimulatorOptions.DefaultApiKey] };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 1, ShortPauses);
        var id = await harness.DeleteAsync("refused-1");

        await harness.WaitUntilAllFinalAsync(Patience);

        var row = (await harness.RowsAsync()).Single(r => r.Id == id);
        Assert.Equal(("dead", "498", 0), (row.State, row.OutcomeCode, row.Attempts));
        Assert.Equal(3, await RefusalsAsync(harness, id));
    }

    [Fact]
    public async Task An_upsert_answered_with_an_undocumented_4xx_is_dead_with_that_code_after_the_refusals_run_out()
    {
        var settings = new Dictionary<string, string?>(ShortPauses) { ["Campaign:Paths:Upsert"] = "/campaignapi/resources/v3/no-such-call" };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 1, settings);
        var id = await harness.UpsertAsync("refused-2", new { city = "Leeds" });

        await harness.WaitUntilAllFinalAsync(Patience);

        var row = (await harness.RowsAsync()).Single(r => r.Id == id);
        Assert.Equal(("dead", "404", 0), (row.State, row.OutcomeCode, row.Attempts));
    }

    [Fact]
    public async Task A_permanent_code_from_the_status_call_ends_the_request_with_that_code()
    {
        var options = new SimulatorOptions { StatusFailureCode = "3005" };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 1);
        var id = await harness.UpsertAsync("status-1", new { city = "Leeds" });

        await harness.WaitUntilAllFinalAsync(Patience);

        var row = (await harness.RowsAsync()).Single(r => r.Id == id);
        Assert.Equal(("failed", "3005"), (row.State, row.OutcomeCode));
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("failed", "3005"), await connection.QuerySingleAsync<(string, string)>(
            "select state, code from campaign_sync.batch where id = @id", new { id = row.BatchId }));
    }

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    private static async Task<int> RefusalsAsync(PipelineHarness harness, long id)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>("select refusals from campaign_sync.outbox where id = @id", new { id });
    }
}
