using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignSync.Crm;
using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator.Wethod;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CampaignSync.IntegrationTests.Crm;

/// <summary>
/// The Wethod simulator, a test database and a host with the worker's database and CRM registrations (nothing else)
/// whose <see cref="CrmSyncRunner"/> the tests call, as the recurring job and <c>crm-sync</c> do. Small pages (10) so
/// every scan spans several. Not the whole worker host: building that maps the Hangfire dashboard, which points
/// Hangfire's process-global log provider at this host, and disposing it would break the Hangfire servers that
/// other test classes run at the same time.
/// </summary>
internal sealed class CrmHarness : IAsyncDisposable
{
    public const int PageSize = 10;

    private readonly IHost _app;

    private CrmHarness(WethodSimulatorHost wethod, IHost app, string connectionString)
    {
        Wethod = wethod;
        _app = app;
        DataSource = NpgsqlDataSource.Create(connectionString);
        WethodApi = new HttpClient { BaseAddress = wethod.BaseAddress };
        WethodApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wethod.Options.Token);
        WethodApi.DefaultRequestHeaders.Add("Wethod-Company", wethod.Options.Company);
        WethodApi.DefaultRequestHeaders.Add("Wethod-Version", wethod.Options.ApiVersion);
    }

    public WethodSimulatorHost Wethod { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The simulator's real API with a token that may edit: tests change the CRM the way its users do.</summary>
    public HttpClient WethodApi { get; }

    public CrmSyncRunner Runner => _app.Services.GetRequiredService<CrmSyncRunner>();

    public static async Task<CrmHarness> StartAsync(
        string connectionString, int contacts, int clients = 4, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var wethod = await StartWethodAsync(new WethodSimulatorOptions { SeedClients = clients, SeedContacts = contacts });
        var settings = Settings(wethod);
        settings[DatabaseOptions.ConnectionStringKey] = connectionString;
        settings["Database:MigrateOnStart"] = "false";
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        SuiteLog.RegisterSecrets(settings);
        SuiteLog.AddTo(builder.Logging, "crm host");
        builder.AddDatabase();
        builder.AddCrmSync();
        return new CrmHarness(wethod, builder.Build(), connectionString);
    }

    /// <summary>Starts a Wethod simulator whose logs (at Trace) go to the suite log, with its token registered as a secret there.</summary>
    public static Task<WethodSimulatorHost> StartWethodAsync(WethodSimulatorOptions options)
    {
        SuiteLog.RegisterSecret(options.Token);
        return WethodSimulatorHost.StartAsync(options, logging: logging => SuiteLog.AddTo(logging, "wethod simulator"),
            cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>The Crm section pointing at <paramref name="wethod"/>, with the mapping the demo uses.</summary>
    public static Dictionary<string, string?> Settings(WethodSimulatorHost wethod) => new()
    {
        ["Crm:BaseUrl"] = wethod.BaseAddress.ToString(),
        ["Crm:Token"] = wethod.Options.Token,
        ["Crm:Company"] = wethod.Options.Company,
        ["Crm:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Crm:RetryBaseDelay"] = "00:00:00.050",
        ["Crm:Attributes:email:Field"] = "email",
        ["Crm:Attributes:email:Normalize"] = "Email",
        ["Crm:Attributes:first-name:Field"] = "name",
        ["Crm:Attributes:last-name:Field"] = "surname",
        ["Crm:Attributes:phone:Field"] = "telephone",
        ["Crm:Attributes:phone:Normalize"] = "E164",
        ["Crm:Attributes:company:Field"] = "client.corporate_name",
        ["Crm:Attributes:city:Field"] = "client.town",
        ["Crm:Attributes:country:Field"] = "client.country",
    };

    public Task<CrmRunResult> RunAsync(bool dryRun = false) => Runner.RunAsync("cli", dryRun, TestContext.Current.CancellationToken);

    public async Task<IReadOnlyList<CrmOutboxRow>> OutboxAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var rows = await connection.QueryAsync<CrmOutboxRow>(
            """
            select id as Id, profile_name as ProfileName, profile_key as ProfileKey, operation as Operation,
                   attributes::text as AttributesJson, source as Source
            from campaign_sync.outbox order by id
            """);
        return rows.ToList();
    }

    public async Task<long> SnapshotCountAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.crm_snapshot");
    }

    public async Task<CrmRunRow> RunRowAsync(long runId)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.QuerySingleAsync<CrmRunRow>(
            """
            select state as State, failure as Failure, detail as Detail, upserts as Upserts, deletes as Deletes, synced_before as SyncedBefore
            from campaign_sync.crm_run where id = @runId
            """, new { runId });
    }

    public async Task<long> RunCountAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.crm_run");
    }

    public async Task PatchContactAsync(long contactId, object fields)
    {
        using var response = await WethodApi.PatchAsJsonAsync($"/api/contact/{contactId}", fields, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task DeleteContactAsync(long contactId)
    {
        using var response = await WethodApi.DeleteAsync($"/api/contact/{contactId}", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static Dictionary<string, string> Attributes(CrmOutboxRow row) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.AttributesJson)!;

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await Wethod.DisposeAsync();
        await DataSource.DisposeAsync();
        WethodApi.Dispose();
    }
}
