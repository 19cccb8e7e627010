using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// The dashboard's sign-in on the real worker host (issue 15): failed Basic sign-ins are throttled per client address
/// (the address a known proxy forwards), forwarded https makes the antiforgery cookie Secure, and the OpenID Connect
/// mode validates its settings at start and sends a browser to the configured provider.
/// </summary>
[Trait("Category", "Operations")]
public sealed class DashboardSignInTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Attacker = "203.0.113.7";
    private const string Neighbour = "203.0.113.8";

    [Fact]
    public async Task After_the_limit_of_failed_sign_ins_a_client_gets_429_with_Retry_After_even_with_the_right_password_and_others_do_not()
    {
        var capture = new CapturingLoggerProvider();
        await using var harness = await StartAsync(
            new Dictionary<string, string?> { ["Dashboard:FailedSignInLimit"] = "3", ["Dashboard:FailedSignInWindow"] = "00:01:00" },
            configure: builder => builder.Logging.AddProvider(capture));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await GetAsync(harness, "/hangfire", Attacker, "mallory-attempt", "not-the-operator-password");
            answers.Add(wrong.StatusCode);
        }

        using var right = await GetAsync(harness, "/hangfire", Attacker, "operator", PipelineHarness.OperatorPassword);
        using var neighbour = await GetAsync(harness, "/hangfire", Neighbour, "operator", PipelineHarness.OperatorPassword);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
        // Refused, not accepted: a 200 among the 429s would tell a guesser which password was right.
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var retryAfter = right.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { } delta && delta > TimeSpan.Zero && delta <= TimeSpan.FromMinutes(1), $"Retry-After: {right.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
        var throttled = capture.Entries.Where(e => e.Level == LogLevel.Warning && e.Text.Contains(Attacker, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(throttled);
        Assert.DoesNotContain(capture.Entries, e => e.Text.Contains("mallory-attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Https_forwarded_by_a_known_proxy_makes_the_antiforgery_cookie_Secure()
    {
        await using var harness = await StartAsync();

        using var direct = await GetAsync(harness, "/hangfire", forwardedFor: null, "operator", PipelineHarness.OperatorPassword);
        using var forwarded = await GetAsync(harness, "/hangfire", "198.51.100.20", "operator", PipelineHarness.OperatorPassword, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.DoesNotContain("secure", AntiforgeryCookie(direct), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", AntiforgeryCookie(forwarded), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Start_up_in_Basic_mode_without_an_operator_user_name_names_the_key()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["Dashboard:Mode"] = "Basic",
            ["Dashboard:OperatorPassword"] = "a-long-enough-operator-password",
        }));

        Assert.Contains(refused.Failures, f => f.StartsWith("Dashboard:OperatorUsername:", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_up_in_OpenIdConnect_mode_without_its_settings_names_each_key()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Dashboard:Mode"] = "OpenIdConnect" }));

        Assert.Contains(refused.Failures, f => f.StartsWith("Dashboard:Authority:", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Dashboard:ClientId:", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Dashboard:ClientSecret:", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_up_in_OpenIdConnect_mode_refuses_a_plain_http_authority_outside_Development()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["Dashboard:Mode"] = "OpenIdConnect",
            ["Dashboard:Authority"] = "http://login.example.com/realms/ops",
            ["Dashboard:ClientId"] = "campaign-sync-dashboard",
            ["Dashboard:ClientSecret"] = "oidc-client-secret-for-tests",
        }));

        Assert.Contains(refused.Failures, f => f.StartsWith("Dashboard:Authority must use https", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenIdConnect_mode_sends_an_anonymous_browser_to_the_configured_authority()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var harness = await StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:Mode"] = "OpenIdConnect",
            ["Dashboard:Authority"] = provider.Authority,
            ["Dashboard:ClientId"] = "campaign-sync-dashboard",
            ["Dashboard:ClientSecret"] = "oidc-client-secret-for-tests",
        });

        using var challenge = await GetAsync(harness, "/hangfire/campaign-sync", "198.51.100.20", user: null, password: null, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith(provider.Authority + "/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=campaign-sync-dashboard", location, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location, StringComparison.Ordinal);
        // The callback is https: the scheme the ingress forwarded, not the pod's plain http.
        Assert.Contains("redirect_uri=https%3A%2F%2F", location, StringComparison.Ordinal);
        Assert.DoesNotContain("oidc-client-secret-for-tests", location, StringComparison.Ordinal);
    }

    private async Task<PipelineHarness> StartAsync(Dictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null)
    {
        var harness = await PipelineHarness.StartAsync(database.ConnectionString, new SimulatorOptions(), workers: 0);
        await harness.StartWorkerAsync(overrides, configure: configure);
        return harness;
    }

    private WebApplication Build(Dictionary<string, string?> dashboard)
    {
        var settings = new Dictionary<string, string?>
        {
            [DatabaseOptions.ConnectionStringKey] = database.ConnectionString,
            ["Campaign:BaseUrl"] = "http://127.0.0.1:9",
            ["Campaign:ApiKey"] = "unused-key",
        };
        foreach (var (key, value) in dashboard)
        {
            settings[key] = value;
        }

        return CampaignSyncHost.Build(CampaignSyncHost.CreateBuilder(settings, Environments.Production));
    }

    /// <summary>A GET as a client behind a proxy on loopback (a known proxy by default), without following redirects or keeping cookies.</summary>
    private static async Task<HttpResponseMessage> GetAsync(PipelineHarness harness, string path, string? forwardedFor, string? user, string? password,
        string? forwardedProto = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            : throw new InvalidOperationException($"The dashboard set no cookie ({response.StatusCode})");

    /// <summary>
    /// The discovery document and key set of an OpenID provider on loopback: enough for the worker's handler to build
    /// its authorization redirect. It issues no token.
    /// </summary>
    private sealed class FakeOpenIdProvider(WebApplication app, string authority) : IAsyncDisposable
    {
        public string Authority { get; } = authority;

        public static async Task<FakeOpenIdProvider> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
            {
                var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
                return Results.Text($$"""
                    {"issuer":"{{issuer}}","authorization_endpoint":"{{issuer}}/authorize","token_endpoint":"{{issuer}}/token",
                     "jwks_uri":"{{issuer}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}
                    """, "application/json");
            });
            app.MapGet("/jwks", () => Results.Text("""{"keys":[]}""", "application/json"));
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new FakeOpenIdProvider(app, app.Urls.First().TrimEnd('/'));
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
