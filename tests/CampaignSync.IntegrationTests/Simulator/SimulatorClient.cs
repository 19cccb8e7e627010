using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

/// <summary>
/// Plain HttpClient calls against a running simulator, with bounded waits for async requests. A client made by
/// <see cref="StartAsync"/> owns its simulator and stops it when disposed.
/// </summary>
internal sealed class SimulatorClient : IAsyncDisposable
{
    public const string ProfilePath = "/campaignapi/resources/v3/profile";
    public const string DeletePath = "/campaignapi/resources/v3/delete";
    public const string Crlf = "\r\n";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly bool _ownsHost;

    /// <param name="apiKey">The key to send; null for the host's primary key, "" for no authorization header.</param>
    public SimulatorClient(SimulatorHost host, string? apiKey = null, bool ownsHost = false)
    {
        Host = host;
        _ownsHost = ownsHost;
        Http = new HttpClient { BaseAddress = host.BaseAddress };
        if (apiKey != "")
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? host.Options.ApiKey);
        }
    }

    public SimulatorHost Host { get; }

    public HttpClient Http { get; }

    /// <summary>Starts a simulator (by default processing async requests at once) and a client that owns it.</summary>
    public static async Task<SimulatorClient> StartAsync(SimulatorOptions? options = null)
    {
        var host = await PipelineHarness.StartSimulatorAsync(options ?? new SimulatorOptions { ProcessingDelay = TimeSpan.Zero });
        return new SimulatorClient(host, ownsHost: true);
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> UpsertAsync(
        string key, string attributes, string upsert = "1", string updateLink = "2", string profile = "contacts") =>
        PostAsync(ProfilePath, $$"""
            {"profile-name":"{{profile}}","key":"{{key}}","upsert":"{{upsert}}","update-link":"{{updateLink}}","attributes":[{{attributes}}]}
            """);

    public Task<(HttpStatusCode Status, JsonNode Body)> SubmitAsync(
        string csv, string upsert = "1", string updateLink = "2", string profile = "contacts") =>
        PostAsync(ProfilePath, new JsonObject
        {
            ["profile-name"] = profile,
            ["upsert"] = upsert,
            ["update-link"] = updateLink,
            ["sync"] = "2",
            ["file"] = csv,
        }.ToJsonString());

    public Task<(HttpStatusCode Status, JsonNode Body)> DeleteAsync(string key, string profile = "contacts") =>
        PostAsync(DeletePath, $$"""{"profile-name":"{{profile}}","key":"{{key}}"}""");

    public async Task<string> SubmitAndGetRequestIdAsync(string csv, string upsert = "1", string updateLink = "2")
    {
        var (status, body) = await SubmitAsync(csv, upsert, updateLink);
        Assert.Equal(HttpStatusCode.OK, status);
        return body["request-id"]?.GetValue<string>() ?? throw new InvalidOperationException($"No request id: {body}");
    }

    /// <summary>Polls the status API until the request is done; fails the test after the deadline.</summary>
    public async Task<JsonNode> WaitForDoneAsync(string requestId) =>
        await Eventually.UntilAsync($"request {requestId} to be done", async _ =>
        {
            var (status, body) = await GetAsync($"/campaignapi/resources/v3/profilequerystatus/{requestId}");
            Assert.Equal(HttpStatusCode.OK, status);
            if (body["update-count"] is null)
            {
                Assert.Equal("1010", body["code"]?.GetValue<string>());
            }

            return body;
        }, body => body["update-count"] is not null, Patience);

    /// <summary>Polls /_sim/profiles until the condition holds; fails the test after the deadline.</summary>
    public async Task<JsonArray> WaitForProfilesAsync(string profile, Func<JsonArray, bool> condition) =>
        await Eventually.UntilAsync($"the profiles of {profile} to reach the expected state", _ => GetProfilesAsync(profile), condition, Patience);

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async Task<JsonArray> GetProfilesAsync(string profile = "contacts") =>
        (await GetAsync($"/_sim/profiles/{profile}")).Body.AsArray();

    /// <summary>The stored attributes of one record, or null when it does not exist.</summary>
    public async Task<JsonObject?> FindAsync(string key, string profile = "contacts") =>
        (await GetProfilesAsync(profile)).FirstOrDefault(p => p!["key"]!.GetValue<string>() == key)?["attributes"]?.AsObject();

    public async Task<JsonNode> GetStatsAsync() => (await GetAsync("/_sim/stats")).Body;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_ownsHost)
        {
            await Host.DisposeAsync();
        }
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }
}
