using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class BulkUpsertTests
{
    private const string BulkPath = "/campaignapi/resources/v3/profiles/updateBulk";

    [Fact]
    public async Task Bulk_upsert_applies_entries_and_answers_each_in_order()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            KeyFailureRules = [new KeyFailureRule("^bad$", "2001", "Failed")],
        });

        var (status, body) = await sim.PostAsync(BulkPath, """
            {"profile-name":"contacts","requests":[
              {"key":"k1","upsert":"1","attributes":[{"attribute-name":"email","val":"a@x"}]},
              {"key":"bad","attributes":[]},
              {"key":"k3","upsert":"2","attributes":[]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        var responses = body["responses"]!.AsArray();
        Assert.Equal(1, responses[0]!["update-count"]!.GetValue<long>());
        Assert.Equal("2001", responses[1]!["code"]!.GetValue<string>());
        Assert.Equal(0, responses[2]!["update-count"]!.GetValue<long>());
        Assert.NotNull(await sim.FindAsync("k1"));
    }

    [Fact]
    public async Task Bulk_upsert_with_more_than_100_entries_answers_1001()
    {
        await using var sim = await SimulatorClient.StartAsync();
        var entries = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode?)new JsonObject { ["key"] = $"k{i}" }).ToArray());

        var (_, body) = await sim.PostAsync(BulkPath, new JsonObject { ["profile-name"] = "contacts", ["requests"] = entries }.ToJsonString());

        Assert.Equal("1001", body["code"]!.GetValue<string>());
        Assert.Empty(await sim.GetProfilesAsync());
    }

    [Fact]
    public async Task A_bulk_call_and_a_single_upsert_of_one_key_at_once_count_as_overlapping()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { WriteCallDuration = TimeSpan.FromSeconds(2) });

        await Task.WhenAll(
            sim.PostAsync(BulkPath, """{"profile-name":"contacts","requests":[{"key":"k1","attributes":[{"attribute-name":"email","val":"a@x"}]}]}"""),
            sim.UpsertAsync("k1", """{"attribute-name":"email","val":"b@x"}"""));

        Assert.Equal(1, (await sim.GetStatsAsync())["overlapping_key_requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_single_upsert_whose_client_stopped_waiting_is_still_applied()
    {
        // The client gives up after 2 s, long after its request is written (a fresh connection on a loaded machine) and
        // long before the 10 s answer.
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { WriteCallDuration = TimeSpan.FromSeconds(10) });
        using var impatient = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sim.Http.PostAsync(SimulatorClient.ProfilePath,
            new StringContent("""{"profile-name":"contacts","key":"k1","upsert":"1","update-link":"2","attributes":[{"attribute-name":"email","val":"late@x"}]}""",
                Encoding.UTF8, "application/json"), impatient.Token));

        var profiles = await sim.WaitForProfilesAsync("contacts", p => p.Count == 1);
        Assert.Equal("k1", profiles[0]!["key"]!.GetValue<string>());
    }
}
