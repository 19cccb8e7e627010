using System.Net;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class ThrottlingTests
{
    [Fact]
    public async Task Calls_beyond_the_burst_answer_429_with_retry_after()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { RequestsPerSecond = 0.5, Burst = 2 });

        var first = await sim.Http.GetAsync("/campaignapi/metadata/v3/profile", TestContext.Current.CancellationToken);
        var second = await sim.Http.GetAsync("/campaignapi/metadata/v3/profile", TestContext.Current.CancellationToken);
        using var third = await sim.Http.GetAsync("/campaignapi/metadata/v3/profile", TestContext.Current.CancellationToken);
        var body = await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("\"code\":\"429\"", body, StringComparison.Ordinal);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 2);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Inspection_endpoints_are_not_throttled_and_throttled_calls_are_counted()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { RequestsPerSecond = 0.01, Burst = 1 });

        await sim.GetAsync("/campaignapi/metadata/v3/profile");
        var (status, _) = await sim.GetAsync("/campaignapi/metadata/v3/profile");
        for (var i = 0; i < 5; i++)
        {
            await sim.GetStatsAsync();
        }

        var stats = await sim.GetStatsAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(1, stats["throttled"]!.GetValue<long>());
        Assert.Equal(1, stats["requests"]!["GET /campaignapi/metadata/v3/profile 429"]!.GetValue<long>());
    }

    [Fact]
    public async Task Rate_of_zero_is_unlimited()
    {
        await using var sim = await SimulatorClient.StartAsync();

        for (var i = 0; i < 30; i++)
        {
            var (status, _) = await sim.GetAsync("/campaignapi/metadata/v3/profile");
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }
}
