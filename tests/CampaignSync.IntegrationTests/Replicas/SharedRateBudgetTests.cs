using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Replicas;

/// <summary>
/// One rate budget per Campaign tenant for every replica: three worker processes, each with
/// Campaign:RequestsPerSecond = 20, against a tenant that allows 20 calls a second. Counted by the simulator per
/// second as the calls meet its limit: never more than 20 in a second, and no 429 after the first second.
/// </summary>
[Trait("Category", "Operations")]
[Collection(HeavyRuns.Name)]
public sealed class SharedRateBudgetTests(PostgresFixture server)
{
    private const int Rate = 20;

    [Fact]
    public async Task Three_worker_processes_at_20_requests_per_second_send_at_most_20_a_second_and_are_never_throttled()
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions { RequestsPerSecond = Rate }, workers: 0);
        var settings = new Dictionary<string, string>
        {
            ["Campaign__RequestsPerSecond"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Small requests: about 200 submits and as many polls, 20 seconds of calls at the tenant's rate.
            ["Batching__MaxRecords"] = "10",
        };
        var workers = new List<RunningWorker>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                workers.Add(await harness.StartWorkerProcessAsync(settings));
            }

            // The rows come once the three have started, as a backlog meets a running Deployment: the measure is of
            // the replicas sharing the budget, not of a 2-core machine busy starting processes.
            await harness.InsertUpsertsAsync(2_000);

            await harness.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(4), () => Assert.All(workers, w => Assert.False(w.HasExited, w.Tail)));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }

        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        var calls = BySecond(stats!["calls_per_second"]!);
        var throttled = BySecond(stats["throttled_per_second"]!);
        var seconds = string.Join(", ", calls.Select(c => $"{c.Key}: {c.Value} ({throttled.GetValueOrDefault(c.Key)} throttled)"));
        TestContext.Current.TestOutputHelper?.WriteLine(seconds);
        Assert.True(calls.Count >= 10, $"Only {calls.Count} seconds had calls: {seconds}");
        // The budget gives out at most Rate slots a second; the simulator counts arrivals, and on a loaded machine a call
        // can leave its process late and land in a later second (the full suite saw 19, 21, 20 and 20, 21, 19). A late
        // call never raises the count up to any second, so the bound is on every prefix of the run: by the end of its
        // k-th second the tenant has seen at most k × Rate calls, plus one: the run's first second of arrivals may also
        // hold a call given its slot at the very end of the second before, which no earlier second counts (run K of the
        // full suite saw 21 in the first second, then 19). Three replicas each at the rate, as before the shared budget,
        // sent 44 in one second and break it within a second or two.
        var first = calls.Keys.Min();
        long sent = 0;
        foreach (var (second, count) in calls)
        {
            sent += count;
            Assert.True(sent <= Rate * (second - first + 1) + 1, $"{sent} calls by the end of second {second - first + 1}, more than {Rate} a second: {seconds}");
        }

        Assert.True(throttled.Keys.All(s => s == calls.Keys.Min()), $"Calls were throttled after the first second: {seconds}");
        var notSent = (await harness.RowsAsync()).Count(r => r.State != "succeeded");
        Assert.True(notSent == 0, $"{notSent} rows did not succeed. {await harness.DescribeStatesAsync()}");
    }

    private static SortedDictionary<long, long> BySecond(JsonNode counts) =>
        new(counts.AsObject().ToDictionary(c => long.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture), c => c.Value!.GetValue<long>()));
}
