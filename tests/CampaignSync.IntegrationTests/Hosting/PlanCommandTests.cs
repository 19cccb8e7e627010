using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.Campaign;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Issue 16's <c>plan</c> verb through the real executable: over an outbox of mixed rows it claims and writes nothing,
/// names the rows that would fail and why, and its requests and records are what a worker then sends (the simulator's
/// counters).
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class PlanCommandTests(PostgresFixture server)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Plan_of_mixed_rows_writes_nothing_names_the_failing_rows_and_counts_what_the_next_run_sends()
    {
        await using var harness = await PipelineHarness.StartAsync(
            await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), new SimulatorOptions(), workers: 0);
        await harness.UpsertAsync("k-1", new Dictionary<string, string> { ["first-name"] = "Ada", ["city"] = "Turin" });
        // Folds into k-1's first row (it overwrites nothing), so one round sends everything.
        await harness.UpsertAsync("k-1", new Dictionary<string, string> { ["email"] = "a@example.com" });
        await harness.UpsertAsync("k-2", new Dictionary<string, string> { ["first-name"] = "Bob", ["city"] = "Rome", ["email"] = "b@example.com" });
        await harness.UpsertAsync("k-3", new Dictionary<string, string> { ["email"] = "c@example.com" }, upsertMode: 0, updateLink: 1);
        await harness.UpsertAsync("c-1", new Dictionary<string, string> { ["name"] = "Acme", ["town"] = "Turin" }, profile: "companies");
        await harness.DeleteAsync("k-4");
        var invalid = await harness.UpsertAsync("k-5", new Dictionary<string, object> { ["email"] = new Dictionary<string, string> { ["nested"] = "no" } });
        var unknown = await harness.UpsertAsync("k-6", new Dictionary<string, string> { ["shoe-size"] = "42" });

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = harness.ConnectionString,
            ["Campaign__BaseUrl"] = harness.Simulator.BaseAddress.ToString(),
            ["Campaign__ApiKey"] = harness.Simulator.Options.ApiKey,
            ["Dashboard__Mode"] = "Basic",
            ["Dashboard__OperatorUsername"] = "operator",
            ["Dashboard__OperatorPassword"] = PipelineHarness.OperatorPassword,
        };
        var table = await WorkerProcess.RunAsync(environment, Quick, "plan");
        var result = await WorkerProcess.RunAsync(environment, Quick, "plan", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("7 contact(s), 8 row(s): 5 record(s) in 4 request(s)", table.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^live\s+contacts\s+upsert\s+1\s+2\s+1\s+2\s+\d+$", table.StandardOutput);
        Assert.Matches(@"(?m)^live\s+contacts\s+delete\s+-\s+-\s+1\s+1\s+\d+$", table.StandardOutput);
        Assert.Matches($@"(?m)^{invalid}\s+contacts\s+invalid_row\s+attribute 'email' must be", table.StandardOutput);

        Assert.True(result.ExitCode == 0, result.ToString());
        var plan = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal(7, plan["contacts"]!.GetValue<int>());
        Assert.Equal(8, plan["rows"]!.GetValue<int>());
        Assert.Equal(1, plan["rows_folded"]!.GetValue<int>());
        Assert.Equal(0, plan["rows_left"]!.GetValue<int>());
        var failures = plan["failures"]!.AsArray();
        Assert.Equal(2, failures.Count);
        Assert.Equal(invalid, failures[0]!["id"]!.GetValue<long>());
        Assert.Equal(ChangeValidator.InvalidRowCode, failures[0]!["code"]!.GetValue<string>());
        Assert.Equal("attribute 'email' must be a string, number, boolean or null, not Object", failures[0]!["reason"]!.GetValue<string>());
        Assert.Equal(unknown, failures[1]!["id"]!.GetValue<long>());
        Assert.Equal(ProfileSchema.UnknownAttributeCode, failures[1]!["code"]!.GetValue<string>());
        var requests = plan["requests"]!.AsArray().Select(r => (
            Profile: r!["profile"]!.GetValue<string>(), Operation: r["operation"]!.GetValue<string>(),
            UpsertMode: r["upsert_mode"]?.GetValue<short>(), UpdateLink: r["update_link"]?.GetValue<short>(),
            Requests: r["requests"]!.GetValue<int>(), Records: r["records"]!.GetValue<int>())).ToList();
        Assert.Equal(
            [("companies", "upsert", (short?)1, (short?)2, 1, 1), ("contacts", "delete", null, null, 1, 1),
             ("contacts", "upsert", 0, 1, 1, 1), ("contacts", "upsert", 1, 2, 1, 2)],
            requests);
        Assert.All(plan["requests"]!.AsArray(), r => Assert.True(r!["bytes"]!.GetValue<long>() > 0, r.ToJsonString()));
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            var written = await connection.QuerySingleAsync<(long NotPending, long Holds, long Batches)>(
                """
                select (select count(*) from campaign_sync.outbox where state <> 'pending'),
                       (select count(*) from campaign_sync.contact_hold),
                       (select count(*) from campaign_sync.batch)
                """);
            Assert.Equal((0L, 0L, 0L), written);
        }

        await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Quick);

        var upserts = requests.Where(r => r.Operation == "upsert").ToList();
        Assert.Equal(upserts.Sum(r => r.Requests), await harness.SimulatorStatAsync("async_requests_accepted"));
        Assert.Equal(upserts.Sum(r => r.Records), await harness.SimulatorStatAsync("records_applied") + await harness.SimulatorStatAsync("records_failed"));
        Assert.Equal(plan["records"]!.GetValue<int>(), upserts.Sum(r => r.Records) + await DeleteCallsAsync(harness));
        Assert.Equal(plan["request_count"]!.GetValue<int>(), await harness.SimulatorStatAsync("async_requests_accepted") + await DeleteCallsAsync(harness));
        Assert.Equal(["invalid_row", "unknown_attribute"],
            (await harness.RowsAsync()).Where(r => r.State == "failed").Select(r => r.OutcomeCode!).Order(StringComparer.Ordinal));
    }

    // Each delete is one call; the simulator counts them by path and answer.
    private static async Task<long> DeleteCallsAsync(PipelineHarness harness)
    {
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        return stats!["requests"]!.AsObject().Where(r => r.Key.StartsWith("POST ", StringComparison.Ordinal) && r.Key.Contains("/delete ", StringComparison.Ordinal))
            .Sum(r => r.Value!.GetValue<long>());
    }
}
