using System.Net;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Replicas;

/// <summary>
/// The operators' pause switch with two worker processes: <c>pause</c> (the CLI) holds both, so rows written meanwhile
/// stay pending and Campaign receives no submit, while the requests already sent are polled to their outcome;
/// the dashboard's Resume button, rendered by one worker and posted to the other, lets both drain the backlog.
/// </summary>
[Trait("Category", "Operations")]
[Collection(HeavyRuns.Name)]
public sealed class PauseSwitchTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Pause_holds_every_worker_process_polls_go_on_and_resume_drains_the_backlog()
    {
        // Requests take 3 s to process, so some are in flight when the switch is set.
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(3) }, workers: 0);
        await using var podA = await harness.StartWorkerProcessAsync();
        await using var podB = await harness.StartWorkerProcessAsync();
        await InsertAsync(harness, "before", 1_000);
        await harness.WaitUntilAsync("a request in flight",
            "select exists (select 1 from campaign_sync.batch where state in ('submitted', 'polling'))", Patience);

        var paused = await CliAsync(harness, "pause", "--by", "night-operator");

        Assert.True(paused.ExitCode == 0, paused.ToString());
        await InsertAsync(harness, "during", 2_000);
        // Polls go on: every request sent before the pause reaches its outcome (which takes the simulator's 3 s and more).
        await harness.WaitUntilAsync("every request sent before the pause to end",
            "select not exists (select 1 from campaign_sync.batch where state in ('submitting', 'submitted', 'polling'))", Patience);
        // Counted only now: a submit that read the switch just before the pause may reach Campaign a little after it.
        var submitsAtPause = await harness.SimulatorStatAsync("async_requests_accepted");
        var status = await CliAsync(harness, "status");

        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            var held = await connection.QuerySingleAsync<(long Pending, long Touched)>(
                """
                select count(*) filter (where state = 'pending' and attempts = 0), count(*) filter (where state <> 'pending' or attempts > 0)
                from campaign_sync.outbox where profile_key like 'during-%'
                """);
            Assert.True(held == (2_000, 0), $"Rows written while paused: {held.Pending} pending untouched, {held.Touched} claimed or sent. {await harness.DescribeStatesAsync()}");
        }

        Assert.Equal(submitsAtPause, await harness.SimulatorStatAsync("async_requests_accepted"));
        Assert.Contains("Paused by an operator (night-operator", status.StandardOutput, StringComparison.Ordinal);

        // Resume from the dashboard: the Overview of one worker shows the switch, the other takes the button's POST.
        using var browser = new DashboardSession();
        var overview = await browser.PageAsync(podA.Address, "/hangfire/campaign-sync");
        Assert.Contains("data-paused=\"true\"", overview, StringComparison.Ordinal);
        using var resumed = await browser.PostAsync(podB.Address, DashboardSession.Form(overview, "/campaign-sync/resume"));

        Assert.True(resumed.StatusCode == HttpStatusCode.SeeOther, $"Resume answered {(int)resumed.StatusCode}.\n{podB.Tail}");
        await harness.WaitUntilAllFinalAsync(Patience, () => Assert.All(new[] { podA, podB }, w => Assert.False(w.HasExited, w.Tail)));
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            var actions = await connection.QueryAsync<(string Action, string Actor)>("select action, actor from campaign_sync.operator_action order by id");
            Assert.Equal([("pause", "night-operator"), ("resume", "operator")], actions);
        }

        Assert.Contains("data-paused=\"false\"", await browser.PageAsync(podA.Address, "/hangfire/campaign-sync"), StringComparison.Ordinal);
        var notSent = (await harness.RowsAsync()).Count(r => r.State != "succeeded");
        Assert.True(notSent == 0, $"{notSent} rows did not succeed. {await harness.DescribeStatesAsync()}");
    }

    private static Task<WorkerProcessResult> CliAsync(PipelineHarness harness, params string[] arguments) =>
        WorkerProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = harness.ConnectionString }, TimeSpan.FromMinutes(1), arguments);

    private static async Task InsertAsync(PipelineHarness harness, string prefix, int rows)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', @prefix || '-' || g, 'upsert', jsonb_build_object('email', @prefix || g || '@example.com')
            from generate_series(1, @rows) g
            """,
            new { prefix, rows });
    }
}
