using CampaignSync.Campaign;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignSync.UnitTests.Campaign;

/// <summary>The real registration (<c>AddCampaignClient</c>) with a stub primary handler and a fake clock.</summary>
internal sealed class CampaignClientHarness : IDisposable
{
    public const string BaseUrl = "https://tenant.example.test";
    public const string PrimaryKey = "primary-secret";
    public const string SecondaryKey = "secondary-secret";

    private readonly IHost _host;

    /// <param name="rateBudget">The shared rate budget, for tests that set Campaign:RequestsPerSecond (the real one needs Postgres).</param>
    public CampaignClientHarness(Dictionary<string, string?>? settings = null, ICampaignRateBudget? rateBudget = null)
    {
        Time = new TimerWatchingTimeProvider();
        Handler = new StubHttpHandler(Time);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var configuration = new Dictionary<string, string?>
        {
            ["Campaign:BaseUrl"] = BaseUrl,
            ["Campaign:ApiKey"] = PrimaryKey,
            ["Campaign:MaxRetries"] = "3",
            ["Campaign:RetryBaseDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<TimeProvider>(Time);
        if (rateBudget is not null)
        {
            builder.Services.AddSingleton(rateBudget);
        }

        builder.AddCampaignClient();
        builder.Services.AddHttpClient<ICampaignClient, CampaignClient>().ConfigurePrimaryHttpMessageHandler(() => Handler);
        _host = builder.Build();
    }

    public TimerWatchingTimeProvider Time { get; }

    public StubHttpHandler Handler { get; }

    public ICampaignClient Client => _host.Services.GetRequiredService<ICampaignClient>();

    public IServiceProvider Services => _host.Services;

    public static UpsertBatch Batch(params UpsertRecord[] records) =>
        new("Customers", UpsertMode: 1, UpdateLink: 2, ["crm", "nightly"], ["EMAIL", "FIRST_NAME"], records);

    public static UpsertBatch OneRecordBatch() => Batch(new UpsertRecord("k1", ["a@example.test", "Ann"]));

    public void Dispose() => _host.Dispose();
}
