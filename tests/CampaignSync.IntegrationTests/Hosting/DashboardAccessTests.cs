using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>The real worker host on Kestrel: who may open the Hangfire dashboard, and who may act in it.</summary>
[Trait("Category", "Operations")]
public sealed class DashboardAccessTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Dashboard_outside_Development_without_credentials_answers_401_with_a_Basic_challenge()
    {
        await using var harness = await StartAsync();
        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]) };

        using var response = await http.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Dashboard_with_a_wrong_password_answers_401()
    {
        await using var harness = await StartAsync();
        using var http = Client(harness, "operator", "not-the-operator-password");

        using var response = await http.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_with_operator_credentials_answers_200_and_lets_the_operator_requeue()
    {
        await using var harness = await StartAsync();
        using var http = Client(harness, "operator", PipelineHarness.OperatorPassword);

        using var page = await http.GetAsync("/hangfire", TestContext.Current.CancellationToken);
        using var command = await RequeueAsync(http);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("CampaignSync", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, command.StatusCode);
    }

    [Fact]
    public async Task Dashboard_viewer_sees_the_pages_but_may_not_requeue()
    {
        await using var harness = await StartAsync();
        using var http = Client(harness, "viewer", PipelineHarness.ViewerPassword);

        using var page = await http.GetAsync("/hangfire/jobs/failed", TestContext.Current.CancellationToken);
        using var command = await RequeueAsync(http);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, command.StatusCode);
    }

    [Fact]
    public void Start_up_outside_Development_refuses_anonymous_access_and_names_the_key()
    {
        var settings = new Dictionary<string, string?>
        {
            [DatabaseOptions.ConnectionStringKey] = database.ConnectionString,
            ["Campaign:BaseUrl"] = "http://127.0.0.1:9",
            ["Campaign:ApiKey"] = "unused-key",
        };

        var refused = Assert.Throws<OptionsValidationException>(() =>
            CampaignSyncHost.Build(CampaignSyncHost.CreateBuilder(settings, Environments.Production)));

        Assert.Contains(refused.Failures, f => f.StartsWith("Dashboard:Mode:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_in_Development_with_mode_None_opens_anonymously_from_a_local_address()
    {
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["Dashboard:Mode"] = "None" }, Environments.Development);
        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]) };

        using var response = await http.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<PipelineHarness> StartAsync(Dictionary<string, string?>? overrides = null, string? environment = null)
    {
        var harness = await PipelineHarness.StartAsync(database.ConnectionString, new SimulatorOptions(), workers: 0);
        await harness.StartWorkerAsync(overrides, environment);
        return harness;
    }

    private static HttpClient Client(PipelineHarness harness, string user, string password)
    {
        var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    // A batch command of the failed-jobs page; an unknown job id is fine, the dashboard answers 204 after trying it.
    private static Task<HttpResponseMessage> RequeueAsync(HttpClient http) =>
        http.PostAsync("/hangfire/jobs/failed/requeue",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "999999")]), TestContext.Current.CancellationToken);
}
