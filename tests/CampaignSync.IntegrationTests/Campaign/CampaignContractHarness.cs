using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.Campaign;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>
/// The real <see cref="ICampaignClient"/>, resolved from a host composed by <c>AddCampaignClient()</c> as the worker
/// composes it, against the simulator over real HTTP. Every log entry of the host is kept in <see cref="Logs"/>.
/// </summary>
internal sealed class CampaignContractHarness : IAsyncDisposable
{
    public const string ApiKey = "contract-key-one-9f4c2d8e";
    public const string SecondaryApiKey = "contract-key-two-71be0a3c";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly IHost _host;

    private CampaignContractHarness(SimulatorHost simulator, IHost host, CollectingLoggerProvider logs)
    {
        Simulator = simulator;
        _host = host;
        Logs = logs;
        Client = host.Services.GetRequiredService<ICampaignClient>();
        Inspection = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public SimulatorHost Simulator { get; }

    public ICampaignClient Client { get; }

    public CollectingLoggerProvider Logs { get; }

    public HttpClient Inspection { get; }

    /// <summary>
    /// Starts the simulator (accepting <see cref="ApiKey"/>, then <paramref name="simulator"/> applied) and a host with the
    /// Campaign client pointed at it; <paramref name="settings"/> override the client's configuration.
    /// </summary>
    public static async Task<CampaignContractHarness> StartAsync(
        Action<SimulatorOptions>? simulator = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var options = new SimulatorOptions { ApiKey = ApiKey, ProcessingDelay = TimeSpan.FromMilliseconds(200) };
        simulator?.Invoke(options);
        var sim = await PipelineHarness.StartSimulatorAsync(options);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var configuration = new Dictionary<string, string?>
        {
            ["Campaign:BaseUrl"] = sim.BaseAddress.ToString(),
            ["Campaign:ApiKey"] = ApiKey,
            ["Campaign:RetryBaseDelay"] = "00:00:00.020",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CollectingLoggerProvider();
        SuiteLog.RegisterSecrets(configuration);
        builder.Services.AddLogging(logging => SuiteLog.AddTo(logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace), "campaign client host"));
        builder.AddCampaignClient();
        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return new CampaignContractHarness(sim, host, logs);
    }

    /// <summary>An upsert batch of <c>contacts</c> (create or update, no linked profile) with email and phone.</summary>
    public static UpsertBatch Batch(params (string Key, string Email, string Phone)[] records) => new(
        "contacts", 1, 1, [], ["email", "phone"], records.Select(r => new UpsertRecord(r.Key, [r.Email, r.Phone])).ToList());

    /// <summary>Asks for the status until it is done (bounded).</summary>
    public async Task<QueryStatus> WaitUntilDoneAsync(string requestId) =>
        await Eventually.UntilAsync($"request {requestId} to be done", async token =>
        {
            var reply = await Client.GetQueryStatusAsync(requestId, token);
            Assert.True(reply.IsSuccess, $"Status answered {reply.Kind} {reply.Code}");
            return reply.Value!;
        }, status => status.IsDone, Patience);

    /// <summary>The simulator's stored profiles of <c>contacts</c>: key → attributes.</summary>
    public async Task<Dictionary<string, Dictionary<string, string>>> ProfilesAsync()
    {
        var array = await Inspection.GetFromJsonAsync<JsonArray>("/_sim/profiles/contacts", TestContext.Current.CancellationToken);
        return array!.ToDictionary(
            p => p!["key"]!.GetValue<string>(),
            p => p!["attributes"]!.AsObject().ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? ""));
    }

    /// <summary>One counter of <c>/_sim/stats</c>, e.g. <c>server_errors</c>.</summary>
    public async Task<long> StatAsync(string name)
    {
        var stats = await Inspection.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        return stats![name]!.GetValue<long>();
    }

    /// <summary>How many real-API calls the simulator answered with <paramref name="httpStatus"/>.</summary>
    public async Task<long> AnsweredAsync(int httpStatus)
    {
        var stats = await Inspection.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        return stats!["requests"]!.AsObject()
            .Where(r => r.Key.EndsWith($" {httpStatus}", StringComparison.Ordinal))
            .Sum(r => r.Value!.GetValue<long>());
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        Inspection.Dispose();
        await Simulator.DisposeAsync();
    }
}
