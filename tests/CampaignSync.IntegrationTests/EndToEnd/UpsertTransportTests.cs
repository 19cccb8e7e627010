using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 16: each <c>Campaign:UpsertTransport</c> through the real pipeline against the simulator ends with the
/// profiles of the reference fold and one final outcome a row; Bulk and Single make no async request and no poll. (The
/// reference fold knows no upsert modes; <see cref="FoldingPropertyTests"/> covers them under every transport.)
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class UpsertTransportTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("AsyncFile", "POST /campaignapi/resources/v3/profile 200")]
    [InlineData("Bulk", "POST /campaignapi/resources/v3/profiles/updateBulk 200")]
    [InlineData("Single", "POST /campaignapi/resources/v3/profile 200")]
    public async Task Every_transport_ends_with_the_reference_fold_and_one_final_outcome_a_row(string transport, string upsertCalls)
    {
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            options, workers: 0);
        await harness.InsertRandomChangesAsync(rows: 3_000, contacts: 400, seed: 16);
        var bounced = await harness.UpsertAsync("bounce-1", new { city = "Leeds" });

        await harness.StartWorkerAsync(new Dictionary<string, string?> { ["Campaign:UpsertTransport"] = transport });
        await harness.WaitUntilAllFinalAsync(Patience);

        await ReferenceFold.AssertMatchesAsync(harness);
        await harness.AssertOneFinalOutcomePerRowAsync();
        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("failed", "1001", "Invalid email address"), (rows[bounced].State, rows[bounced].OutcomeCode, rows[bounced].OutcomeDescription));
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        var requests = stats!["requests"]!.AsObject();
        Assert.True(requests[upsertCalls]?.GetValue<long>() > 0, $"No {upsertCalls}: {requests.ToJsonString()}");
        var asyncAccepted = stats["async_requests_accepted"]!.GetValue<long>();
        Assert.True(transport == "AsyncFile" ? asyncAccepted > 0 : asyncAccepted == 0, $"{asyncAccepted} async requests under {transport}");
    }

    [Fact]
    public async Task A_bulk_call_refused_whole_for_one_invalid_entry_is_split_until_that_entry_fails_alone()
    {
        var options = new SimulatorOptions { MaxValueLength = 40 };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            options, workers: 0);
        var ids = new List<long>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await harness.UpsertAsync($"C-{i}", new { city = i == 5 ? new string('x', 41) : $"town-{i}" }));
        }

        await harness.StartWorkerAsync(new Dictionary<string, string?> { ["Campaign:UpsertTransport"] = "Bulk" });
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("failed", "1001"), (rows[ids[5]].State, rows[ids[5]].OutcomeCode));
        Assert.All(ids.Where((_, i) => i != 5), id => Assert.Equal("succeeded", rows[id].State));
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        var requests = stats!["requests"]!.AsObject();
        // 16 records: the whole call, then halves of 8, 4, 2 and 1 along the bad entry's path, each with its sibling.
        Assert.Equal(9, requests["POST /campaignapi/resources/v3/profiles/updateBulk 200"]?.GetValue<long>());
        await harness.AssertOneFinalOutcomePerRowAsync();
    }
}
