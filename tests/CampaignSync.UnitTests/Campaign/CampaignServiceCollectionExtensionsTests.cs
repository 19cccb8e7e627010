using System.Net;
using CampaignSync.Campaign;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignSync.UnitTests.Campaign;

public sealed class CampaignServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCampaignClient_stops_the_host_at_start_when_the_options_are_invalid()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Campaign:BaseUrl"] = "not a url" });
        builder.AddCampaignClient();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.EndsWith("Campaign:BaseUrl must be an absolute http or https URL.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.EndsWith("Campaign:ApiKey is required.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCampaignClient_builds_the_pipeline_with_a_rate_limit()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:RequestsPerSecond"] = "5" });
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"update-count":1}""");

        var reply = await harness.Client.GetQueryStatusAsync("r-1", TestContext.Current.CancellationToken);

        Assert.True(reply.IsSuccess);
    }
}
