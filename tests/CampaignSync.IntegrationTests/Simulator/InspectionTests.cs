using System.Net;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class InspectionTests
{
    private const string Crlf = SimulatorClient.Crlf;

    [Fact]
    public async Task Sim_profiles_lists_records_sorted_by_key_with_attributes()
    {
        await using var sim = await SimulatorClient.StartAsync();
        foreach (var key in new[] { "b", "c", "a" })
        {
            await sim.UpsertAsync(key, $$"""{"attribute-name":"city","val":"{{key}}-town"}""");
        }

        var profiles = await sim.GetProfilesAsync();

        Assert.Equal(["a", "b", "c"], profiles.Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal("a-town", profiles[0]!["attributes"]!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sim_stats_counts_requests_by_method_template_and_status()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", "");
        await sim.UpsertAsync("k2", "");
        await sim.GetAsync("/campaignapi/resources/v3/profilequerystatus/x");
        await sim.DeleteAsync("missing");

        var stats = await sim.GetStatsAsync();

        var requests = stats["requests"]!;
        Assert.Equal(2, requests["POST /campaignapi/resources/v3/profile 200"]!.GetValue<long>());
        Assert.Equal(1, requests["GET /campaignapi/resources/v3/profilequerystatus/{requestId} 200"]!.GetValue<long>());
        Assert.Equal(1, requests["POST /campaignapi/resources/v3/delete 200"]!.GetValue<long>());
        Assert.Equal(2, stats["records_applied"]!.GetValue<long>());
        Assert.Equal(0, stats["throttled"]!.GetValue<long>());
        Assert.Equal(0, stats["overlapping_key_requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task Overlapping_key_requests_counts_async_and_delete_on_a_key_still_in_flight()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(30) });

        await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,a@x{Crlf}k2,b@x{Crlf}");
        await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k3,c@x{Crlf}");
        var afterDisjoint = (await sim.GetStatsAsync())["overlapping_key_requests"]!.GetValue<long>();
        await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k2,x@x{Crlf}k4,d@x{Crlf}");
        await sim.DeleteAsync("k1");
        await sim.DeleteAsync("k9");

        Assert.Equal(0, afterDisjoint);
        Assert.Equal(2, (await sim.GetStatsAsync())["overlapping_key_requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task Overlap_ends_when_the_earlier_request_is_done()
    {
        await using var sim = await SimulatorClient.StartAsync();

        await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,a@x{Crlf}"));
        await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,b@x{Crlf}"));

        Assert.Equal(0, (await sim.GetStatsAsync())["overlapping_key_requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sim_reset_clears_profiles_requests_counters_and_pending_requests()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(300) });
        await sim.UpsertAsync("k1", "");
        var pending = await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k2,a@x{Crlf}");

        using var reset = await sim.Http.PostAsync("/_sim/reset", null, TestContext.Current.CancellationToken);
        var stats = await sim.GetStatsAsync();
        var (_, status) = await sim.GetAsync($"/campaignapi/resources/v3/profilequerystatus/{pending}");

        Assert.True(reset.IsSuccessStatusCode);
        Assert.Empty(stats["requests"]!.AsObject());
        Assert.Equal(0, stats["records_applied"]!.GetValue<long>());
        Assert.Equal("1010", status["code"]!.GetValue<string>());

        // Requests are processed in order, so once a later one is done the dropped one's time has passed.
        await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k3,c@x{Crlf}"));
        Assert.Null(await sim.FindAsync("k2"));
        Assert.NotNull(await sim.FindAsync("k3"));
        Assert.Null(await sim.FindAsync("k1"));
    }

    [Fact]
    public async Task Sim_endpoints_need_no_key_and_unknown_profile_is_404()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await using var anonymous = new SimulatorClient(sim.Host, apiKey: "");

        var (known, _) = await anonymous.GetAsync("/_sim/profiles/companies");
        var (unknown, _) = await anonymous.GetAsync("/_sim/profiles/nope");

        Assert.Equal(HttpStatusCode.OK, known);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }
}
