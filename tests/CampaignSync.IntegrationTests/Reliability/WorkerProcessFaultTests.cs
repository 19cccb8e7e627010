using System.Diagnostics;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// Faults that are about processes, with real ones: the worker runs as <c>dotnet CampaignSync.Worker.dll run</c>
/// against a test database and the in-process simulator, is killed with SIGKILL at random points and started again,
/// or runs as three processes on one database. Each run must end with every row final exactly once, Campaign holding
/// the fold of the outbox in id order, and no contact ever in two unfinished requests. Small in CI;
/// <see cref="FaultTests.FullSizeVariable"/>=1 runs the issue's sizes.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class WorkerProcessFaultTests(PostgresFixture server)
{
    private static readonly bool FullSize = Environment.GetEnvironmentVariable(FaultTests.FullSizeVariable) == "1";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(FullSize ? 20 : 4);

    [Fact]
    public async Task Worker_killed_at_random_points_and_restarted_loses_nothing()
    {
        var rows = FullSize ? 50_000 : 5_000;
        const int Kills = 4;
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), new SimulatorOptions(), workers: 0);
        await harness.InsertRandomChangesAsync(rows, contacts: rows / 2, seed: 21);
        var random = new Random(21);
        // Kill points: after a random share (5% to 80%) of the rows is final, plus a random fraction of a second, so
        // the kills land in claims, submits, polls and write-backs alike.
        var thresholds = Enumerable.Range(0, Kills).Select(_ => random.Next(rows / 20, rows * 4 / 5)).Order().ToList();
        var clock = Stopwatch.StartNew();
        var worker = await harness.StartWorkerProcessAsync();
        var killedWithRowsOpen = 0;
        try
        {
            foreach (var threshold in thresholds)
            {
                await harness.WaitForFinalRowsAsync(threshold, Patience, () => Assert.False(worker.HasExited, worker.Tail));
                await Task.Delay(random.Next(0, 300), TestContext.Current.CancellationToken);
                await worker.KillAsync();
                var open = await harness.OpenRowsAsync(TestContext.Current.CancellationToken);
                killedWithRowsOpen += open > 0 ? 1 : 0;
                TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed}: killed pid {worker.Id} after {threshold} final rows, {open} open");
                await worker.DisposeAsync();
                worker = await harness.StartWorkerProcessAsync();
            }

            await harness.WaitUntilAllFinalAsync(Patience, () => Assert.False(worker.HasExited, worker.Tail));
            TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed}: all {rows} rows final");
        }
        finally
        {
            await worker.DisposeAsync();
        }

        Assert.Equal(Kills, killedWithRowsOpen);
        await AssertNothingLostAsync(harness);
    }

    [Fact]
    public async Task Three_worker_processes_on_one_database_never_overlap_a_contact()
    {
        var (rows, contacts) = FullSize ? (100_000, 5_000) : (10_000, 1_000);
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), new SimulatorOptions(), workers: 0);
        await harness.InsertRandomChangesAsync(rows / 2, contacts, seed: 31);
        var clock = Stopwatch.StartNew();
        var workers = new List<RunningWorker>();
        try
        {
            // One after another, as the replicas of a rollout start (the first creates Hangfire's schema).
            workers.Add(await harness.StartWorkerProcessAsync());
            workers.Add(await harness.StartWorkerProcessAsync());
            workers.Add(await harness.StartWorkerProcessAsync());

            // The second half arrives while the three work: upserts and deletes of contacts that are in flight.
            await harness.InsertRandomChangesAsync(rows / 2, contacts, seed: 32);
            await harness.WaitUntilAllFinalAsync(Patience, () => Assert.All(workers, w => Assert.False(w.HasExited, w.Tail)));
            TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed}: all {rows} rows final");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }

        await AssertNothingLostAsync(harness);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var replicas = await connection.ExecuteScalarAsync<long>("select count(distinct lease_owner) from campaign_sync.batch");
        Assert.True(replicas == 3, $"Batches were sent by {replicas} of the 3 workers.");
    }

    [Fact]
    public async Task Sigterm_during_a_drain_with_slow_submits_finishes_what_it_claimed_and_exits_0_within_the_shutdown_timeout()
    {
        const int Rows = 50_000;
        // Two claimed rounds of four 5 s submits, then Hangfire's running polls: about 15 s, twice that on a loaded machine.
        var shutdownTimeout = TimeSpan.FromSeconds(60);
        // Every call takes 5 s, the submits too: SIGTERM lands while requests are on the wire.
        var simulator = new SimulatorOptions { AddedLatency = TimeSpan.FromSeconds(5) };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), simulator, workers: 0);
        await harness.InsertUpsertsAsync(Rows);
        var worker = await harness.StartWorkerProcessAsync(new Dictionary<string, string>
        {
            ["Shutdown__Timeout"] = shutdownTimeout.ToString(),
            ["Outbox__ClaimSize"] = "2000",
            ["Batching__MaxRecords"] = "500",
            // Each call takes the simulator's 5 s: an attempt must outlast it (the shared settings give attempts 5 s).
            ["Campaign__AttemptTimeout"] = "00:00:10",
        });
        (int ExitCode, TimeSpan Elapsed) stopped;
        string lastLines;
        IReadOnlyList<string> hangfireShutdownTimeout;
        try
        {
            // Hangfire's own grace (its ShutdownTimeout, logged as it starts) is the worker's, not Hangfire's 15 s default.
            hangfireShutdownTimeout = await Eventually.UntilAsync("Hangfire's server options in the log",
                _ => Task.FromResult<IReadOnlyList<string>>(worker.FirstLines.Where(l => l.Contains("Shutdown timeout: ", StringComparison.Ordinal)).ToList()),
                lines => lines.Count > 0, PipelineHarness.StartPatience);
            await Eventually.UntilAsync("a submit on the wire", async token =>
            {
                Assert.False(worker.HasExited, worker.Tail);
                await using var connection = await harness.DataSource.OpenConnectionAsync(token);
                return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "select count(*) from campaign_sync.batch where state = 'submitting'", cancellationToken: token));
            }, submitting => submitting > 0, Patience, _ => harness.DescribeStatesAsync());

            stopped = await worker.TerminateAsync(Patience);
            lastLines = worker.Tail;
        }
        finally
        {
            await worker.DisposeAsync();
        }

        var states = await harness.DescribeStatesAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"exit {stopped.ExitCode} {stopped.Elapsed} after SIGTERM. {states}");
        Assert.True(stopped.ExitCode == 0, lastLines);
        Assert.True(stopped.Elapsed <= shutdownTimeout, $"The worker took {stopped.Elapsed} to stop, longer than Shutdown:Timeout {shutdownTimeout}. {states}");
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.contact_hold where batch_id is null") == 0, $"Contacts were left claimed (held with no request). {states}");
            Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.batch where state = 'submitting'") == 0, $"Batches were left submitting. {states}");
            // It stopped claiming: most of the backlog was never touched.
            Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.outbox where state = 'pending' and attempts = 0") > Rows / 2, states);
        }

        Assert.True(hangfireShutdownTimeout.Any(l => l.Contains($"Shutdown timeout: {shutdownTimeout}", StringComparison.Ordinal)),
            $"Hangfire's shutdown timeout is not Shutdown:Timeout {shutdownTimeout}: {string.Join('\n', hangfireShutdownTimeout)}");

        // The next replica (here, a process with a fast API) takes over: nothing the stopped one held is lost.
        simulator.AddedLatency = TimeSpan.Zero;
        var successor = await harness.StartWorkerProcessAsync();
        try
        {
            await harness.WaitUntilAllFinalAsync(Patience, () => Assert.False(successor.HasExited, successor.Tail));
        }
        finally
        {
            await successor.DisposeAsync();
        }

        await AssertNothingLostAsync(harness);
    }

    private static async Task AssertNothingLostAsync(PipelineHarness harness)
    {
        var rows = await harness.RowsAsync();
        var notSent = rows.Where(r => r.State is not ("succeeded" or "superseded")).ToList();
        Assert.True(notSent.Count == 0, $"{notSent.Count} rows did not go through, e.g. {string.Join("; ", notSent.Take(5))}. {await harness.DescribeStatesAsync()}");
        await harness.AssertOneFinalOutcomePerRowAsync();
        await ReferenceFold.AssertMatchesAsync(harness);
        Assert.Equal(0, await harness.SimulatorStatAsync("overlapping_key_requests"));
    }
}
