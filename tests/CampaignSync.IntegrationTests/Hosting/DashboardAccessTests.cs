using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;
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
        var settings = KeyRingCertificate.AddTo(new Dictionary<string, string?>
        {
            [DatabaseOptions.ConnectionStringKey] = database.ConnectionString,
            ["Campaign:BaseUrl"] = "http://127.0.0.1:9",
            ["Campaign:ApiKey"] = "unused-key",
        });

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

    // Redirects are not followed: a test sees an action's 303 itself (HttpClient would drop the credential on the way).
    private static HttpClient Client(PipelineHarness harness, string user, string password)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    [Fact]
    public async Task Campaign_Sync_retry_posted_by_the_operator_without_an_antiforgery_token_is_refused_and_records_nothing()
    {
        await using var harness = await StartAsync();
        using var http = Client(harness, "operator", PipelineHarness.OperatorPassword);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // The class shares one database: count what the other tests recorded before this POST.
        const string Actions = "select count(*) from campaign_sync.operator_action";
        var before = await connection.ExecuteScalarAsync<long>(Actions);

        using var response = await http.PostAsync("/hangfire/campaign-sync/failures/retry",
            new FormUrlEncodedContent([new("code", "1001"), new("description", "")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await connection.ExecuteScalarAsync<long>(Actions));
    }

    [Fact]
    public async Task Pause_posted_by_a_viewer_is_refused_and_by_the_operator_sets_the_switch_for_every_replica()
    {
        await using var harness = await StartAsync();
        using var viewer = Client(harness, "viewer", PipelineHarness.ViewerPassword);
        using var operatorClient = Client(harness, "operator", PipelineHarness.OperatorPassword);

        using var refused = await PostPauseAsync(viewer);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var pausedAfterViewer = await connection.ExecuteScalarAsync<bool>("select paused from campaign_sync.pause_switch");
        using var accepted = await PostPauseAsync(operatorClient);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(pausedAfterViewer);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal((true, "operator"), await connection.QuerySingleAsync<(bool, string)>("select paused, actor from campaign_sync.pause_switch"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.operator_action where action = 'pause'"));
    }

    private static async Task<HttpResponseMessage> PostPauseAsync(HttpClient http)
    {
        var (header, token) = await AntiforgeryAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/campaign-sync/pause") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(header, token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    // A batch command of the failed-jobs page; an unknown job id is fine, the dashboard answers 204 after trying it.
    // It carries the antiforgery token the dashboard's layout publishes, as Hangfire's own script sends it.
    private static async Task<HttpResponseMessage> RequeueAsync(HttpClient http)
    {
        var (header, token) = await AntiforgeryAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/failed/requeue")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "999999")]),
        };
        request.Headers.Add(header, token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery header name and token of a dashboard page (the client keeps the cookie that goes with them).</summary>
    private static async Task<(string Header, string Token)> AntiforgeryAsync(HttpClient http)
    {
        var html = await http.GetStringAsync("/hangfire", TestContext.Current.CancellationToken);
        return (MetaContent(html, "csrf-header"), MetaContent(html, "csrf-token"));
    }

    private static string MetaContent(string html, string name) =>
        Regex.Match(html, $"<meta name=\"{name}\" content=\"(?<value>[^\"]+)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new InvalidOperationException($"The dashboard page has no {name} meta tag");
}
