using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

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
        await using var harness = await StartAsync(OpenIdConnectSettings(provider));

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

    [Fact]
    public async Task A_person_signed_in_at_the_provider_with_the_operator_role_acts_under_their_own_name()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var harness = await StartAsync(OpenIdConnectSettings(provider));
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);

        var callback = await SignInAsync(harness, provider, cookies, "/hangfire/campaign-sync/failures", "ada.operator", "campaign-sync-operator");
        using var page = await SendAsync(harness, HttpMethod.Get, "/hangfire/campaign-sync/failures", cookies);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var retry = await SendAsync(harness, HttpMethod.Post, "/hangfire/campaign-sync/failures/retry", cookies,
            new FormUrlEncodedContent([new("code", "1001"), new("description", ""), new("__RequestVerificationToken", MetaContent(html, "csrf-token"))]));

        Assert.Equal(HttpStatusCode.Found, callback);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, retry.StatusCode);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal("ada.operator", await connection.ExecuteScalarAsync<string>("select actor from campaign_sync.operator_action"));
    }

    [Fact]
    public async Task A_person_signed_in_at_the_provider_without_a_dashboard_role_is_refused()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var harness = await StartAsync(OpenIdConnectSettings(provider));
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);

        var callback = await SignInAsync(harness, provider, cookies, "/hangfire/campaign-sync", "someone.else", "payroll-clerk");
        using var page = await SendAsync(harness, HttpMethod.Get, "/hangfire/campaign-sync", cookies);

        Assert.Equal(HttpStatusCode.Found, callback);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }

    private static Dictionary<string, string?> OpenIdConnectSettings(FakeOpenIdProvider provider) => new()
    {
        ["Dashboard:Mode"] = "OpenIdConnect",
        ["Dashboard:Authority"] = provider.Authority,
        ["Dashboard:ClientId"] = "campaign-sync-dashboard",
        ["Dashboard:ClientSecret"] = "oidc-client-secret-for-tests",
    };

    /// <summary>
    /// The code flow as a browser runs it: <paramref name="path"/> sends it to the provider, where the person signs in
    /// (<see cref="FakeOpenIdProvider.Issue"/>), and it comes back to the callback with a code; returns the callback's answer.
    /// </summary>
    private static async Task<HttpStatusCode> SignInAsync(PipelineHarness harness, FakeOpenIdProvider provider,
        Dictionary<string, string> cookies, string path, string name, string role)
    {
        using var challenge = await SendAsync(harness, HttpMethod.Get, path, cookies);
        var authorize = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        provider.Issue(authorize["nonce"]!, name, role);
        using var callback = await SendAsync(harness, HttpMethod.Post, "/signin-oidc", cookies,
            new FormUrlEncodedContent([new("code", "code-for-tests"), new("state", authorize["state"]!)]));
        return callback.StatusCode;
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

        return CampaignSyncHost.Build(CampaignSyncHost.CreateBuilder(KeyRingCertificate.AddTo(settings), Environments.Production));
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

    /// <summary>
    /// A request as a browser behind the TLS ingress makes it (forwarded https, so Secure cookies are set), carrying and
    /// keeping <paramref name="cookies"/> by hand: a cookie jar would not send a Secure cookie to the test's http URL.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(PipelineHarness harness, HttpMethod method, string path,
        Dictionary<string, string> cookies, HttpContent? content = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]),
        };
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = cookie.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }

        return response;
    }

    private static string MetaContent(string html, string name) =>
        Regex.Match(html, $"<meta name=\"{name}\" content=\"(?<value>[^\"]+)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new InvalidOperationException($"The dashboard page has no {name} meta tag");

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            : throw new InvalidOperationException($"The dashboard set no cookie ({response.StatusCode})");

    /// <summary>
    /// An OpenID provider on loopback: its discovery document and key set, and a token endpoint that answers any code
    /// with an ID token for the person <see cref="Issue"/> names (signed with its own RSA key), as a provider does after
    /// that person signed in. Enough for the worker's handler to run the whole code flow.
    /// </summary>
    private sealed class FakeOpenIdProvider(WebApplication app, string authority, RSA key) : IAsyncDisposable
    {
        private const string KeyId = "test-key";
        private const string AccessToken = "access-token-for-tests";

        private (string Nonce, string Name, string Role)? _person;

        public string Authority { get; } = authority;

        public static async Task<FakeOpenIdProvider> StartAsync()
        {
            var key = RSA.Create(2048);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            FakeOpenIdProvider? provider = null;
            app.MapGet("/.well-known/openid-configuration", () => Results.Text($$"""
                {"issuer":"{{provider!.Authority}}","authorization_endpoint":"{{provider.Authority}}/authorize",
                 "token_endpoint":"{{provider.Authority}}/token","jwks_uri":"{{provider.Authority}}/jwks",
                 "response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}
                """, "application/json"));
            app.MapGet("/jwks", () =>
            {
                var parameters = key.ExportParameters(includePrivateParameters: false);
                return Results.Text($$"""
                    {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{KeyId}}",
                      "n":"{{Base64UrlEncoder.Encode(parameters.Modulus)}}","e":"{{Base64UrlEncoder.Encode(parameters.Exponent)}}"}]}
                    """, "application/json");
            });
            app.MapPost("/token", () => Results.Text($$"""
                {"access_token":"{{AccessToken}}","token_type":"Bearer","expires_in":300,"id_token":"{{provider!.IdToken()}}"}
                """, "application/json"));
            await app.StartAsync(TestContext.Current.CancellationToken);
            provider = new FakeOpenIdProvider(app, app.Urls.First().TrimEnd('/'), key);
            return provider;
        }

        /// <summary>The person the next code stands for, with the nonce of the worker's authorization request.</summary>
        public void Issue(string nonce, string name, string role) => _person = (nonce, name, role);

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            key.Dispose();
        }

        private string IdToken()
        {
            var (nonce, name, role) = _person ?? throw new InvalidOperationException("Issue was not called before the code was redeemed");
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = "campaign-sync-dashboard",
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = name + "-id",
                    ["nonce"] = nonce,
                    ["preferred_username"] = name,
                    ["roles"] = new[] { role },
                    ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(AccessToken))[..16]),
                },
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
            });
        }
    }
}
