using System.Net;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class AuthTests
{
    private const string MetadataPath = "/campaignapi/metadata/v3/profile";

    [Theory]
    [InlineData("")]
    [InlineData("wrong-key")]
    public async Task Missing_or_unknown_key_answers_401_with_430(string apiKey)
    {
        await using var sim = await SimulatorClient.StartAsync();
        await using var client = new SimulatorClient(sim.Host, apiKey);

        var (status, body) = await client.GetAsync(MetadataPath);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("430", body["code"]!.GetValue<string>());
        Assert.NotNull(body["description"]);
    }

    [Fact]
    public async Task Expired_key_answers_401_with_498_even_when_it_is_the_primary()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ExpiredKeys = ["old-key"] });
        await using var old = new SimulatorClient(sim.Host, "old-key");

        var (oldStatus, oldBody) = await old.GetAsync(MetadataPath);
        sim.Host.Options.ExpiredKeys = [sim.Host.Options.ApiKey];
        var (primaryStatus, primaryBody) = await sim.GetAsync(MetadataPath);

        Assert.Equal(HttpStatusCode.Unauthorized, oldStatus);
        Assert.Equal("498", oldBody["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, primaryStatus);
        Assert.Equal("498", primaryBody["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secondary_key_is_accepted()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { SecondaryApiKey = "key-2" });
        await using var client = new SimulatorClient(sim.Host, "key-2");

        var (status, _) = await client.GetAsync(MetadataPath);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("GET", "/campaignapi/resources/v3/profile")]
    [InlineData("PUT", "/campaignapi/resources/v3/profile")]
    [InlineData("DELETE", "/campaignapi/resources/v3/delete")]
    [InlineData("POST", "/campaignapi/resources/v3/profilequerystatus/abc")]
    [InlineData("POST", "/campaignapi/metadata/v3/profile")]
    public async Task Unsupported_method_on_a_real_path_answers_405_with_405(string method, string path)
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await sim.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("\"code\":\"405\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standalone_start_binds_options_from_configuration()
    {
        await using var host = await SimulatorHost.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Simulator:ApiKey", "configured-key", "--Simulator:ProcessingDelay", "00:00:00.250"],
            TestContext.Current.CancellationToken);
        await using var client = new SimulatorClient(host, "configured-key");

        var (status, _) = await client.GetAsync(MetadataPath);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(TimeSpan.FromMilliseconds(250), host.Options.ProcessingDelay);
        Assert.NotEqual(0, host.BaseAddress.Port);
    }
}
