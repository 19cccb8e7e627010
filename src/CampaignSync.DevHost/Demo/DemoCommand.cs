using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CampaignSync.Cli;
using CampaignSync.Crm;
using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.Operations;
using CampaignSync.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace CampaignSync.DevHost.Demo;

/// <summary>
/// <c>demo [--rows N]</c>: the README's first command. With nothing configured it starts a private Postgres and the
/// Campaign simulator, writes N outbox rows, runs the real worker until every row has a final outcome while
/// printing progress, then prints a summary by outcome and code. Exits 0 only when every row is final.
/// <c>demo --crm</c> instead starts the Wethod simulator with N contacts and syncs it twice (CRM → outbox → Campaign),
/// editing the CRM in between, and prints the counts of each stage (issue 9).
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Outbox rows the demo writes (with --crm: CRM contacts).", DefaultValueFactory = _ => 10_000 };
        var crm = new Option<bool>("--crm") { Description = "Sync a simulated Wethod CRM instead: CRM → outbox → Campaign, twice." };
        var demo = new Command("demo", "Write demo rows and run the worker until every row has a final outcome.") { rows, crm };
        demo.SetAction((result, ct) => ExecuteAsync(result.GetValue(rows), result.GetValue(crm), ct));
        return demo;
    }

    public static Task<int> ExecuteAsync(int rows, bool crm, CancellationToken cancellationToken) => CliConsole.GuardAsync(async () =>
    {
        if (rows < 1)
        {
            throw new ConfigurationException("--rows must be at least 1");
        }

        var configuration = WorkerConfiguration.Read();
        using var loggerFactory = CliConsole.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger("CampaignSync.Demo");
        var (connectionString, cluster) = await DatabaseBootstrap.ResolveAsync(configuration, logger, cancellationToken);
        await using (cluster)
        {
            await using var simulator = string.IsNullOrWhiteSpace(configuration["Campaign:BaseUrl"])
                ? await SimulatorHost.StartAsync(crm ? CrmDemo.CampaignOptions() : DemoSimulatorOptions(), cancellationToken: cancellationToken)
                : null;
            // The CRM is always simulated: the demo edits it between its two runs.
            await using var wethod = crm ? await CrmDemo.StartCrmAsync(rows, cancellationToken) : null;
            var settings = new Dictionary<string, string?>
            {
                [DatabaseOptions.ConnectionStringKey] = connectionString,
                ["Urls"] = configuration["Urls"] ?? "http://127.0.0.1:0",
                // The demo prints its own progress; expected per-batch failures (the invalid rows) stay out of it.
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:CampaignSync"] = "Error",
                ["Outbox:RetryBaseDelay"] = "00:00:01",
            };
            if (simulator is not null)
            {
                settings["Campaign:BaseUrl"] = simulator.BaseAddress.ToString();
                settings["Campaign:ApiKey"] = new SimulatorOptions().ApiKey;
                Console.WriteLine($"Campaign simulator: {simulator.BaseAddress}");
            }

            if (wethod is not null)
            {
                foreach (var (key, value) in CrmDemo.Settings(wethod))
                {
                    settings[key] = value;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Wethod CRM simulator: {wethod.BaseAddress} ({wethod.Directory.ContactCount:N0} contacts, {wethod.Directory.Clients().Count:N0} clients)"));
            }

            // The demo is a local run: Development lets its dashboard open anonymously, for local requests only.
            var builder = CampaignSyncHost.CreateBuilder(settings, Environments.Development);
            await using var app = CampaignSyncHost.Build(builder);
            await MigrateCommand.MigrateIfConfiguredAsync(app, cancellationToken);
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            if (wethod is not null)
            {
                await app.StartAsync(cancellationToken);
                PrintDashboard(app);
                var ok = await SyncCrmAsync(app, dataSource, "Night 1: the first sync sends every contact.", cancellationToken);
                Console.WriteLine();
                Console.WriteLine($"In the CRM during the day: {CrmDemo.ChangeCrm(wethod.Directory)}.");
                ok &= await SyncCrmAsync(app, dataSource, "Night 2: only what changed.", cancellationToken);
                await app.StopAsync(CancellationToken.None);
                if (simulator is not null)
                {
                    await PrintCampaignProfilesAsync(simulator, cancellationToken);
                }

                return ok ? CliConsole.ExitOk : CliConsole.ExitFailed;
            }

            var (firstId, lastId) = await DemoSeeder.SeedAsync(dataSource, rows, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows:N0} outbox rows (ids {firstId}–{lastId})."));
            await PrintCheckAndPlanAsync(app, cancellationToken);

            await app.StartAsync(cancellationToken);
            PrintDashboard(app);
            var report = await FollowAsync(new StatusStore(dataSource), firstId, lastId, cancellationToken);
            await app.StopAsync(CancellationToken.None);
            await PrintSummaryAsync(new StatusStore(dataSource), report, firstId, lastId, cancellationToken);
            return report.Final == rows ? CliConsole.ExitOk : CliConsole.ExitFailed;
        }
    });

    /// <summary>
    /// What <c>check</c> and <c>plan</c> print before anything is sent (issue 16): the tenant against the pending rows,
    /// then the next round of each due contact. Neither writes, so the run that follows is the same.
    /// </summary>
    private static async Task PrintCheckAndPlanAsync(WebApplication app, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("Before sending, `check` (the tenant, and the profiles and attributes of the pending rows):");
        CheckCommand.Print(await ActivatorUtilities.CreateInstance<TenantCheck>(app.Services).RunAsync(cancellationToken), Console.Out);
        Console.WriteLine();
        Console.WriteLine("and `plan` (the next round of each due contact, claiming nothing):");
        Console.WriteLine(PlanCommand.Describe(await ActivatorUtilities.CreateInstance<OutboxPlan>(app.Services).RunAsync(cancellationToken), failureLimit: 5));
        Console.WriteLine();
    }

    private static void PrintDashboard(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Console.WriteLine($"Hangfire dashboard: {address}/hangfire (while the demo runs)");
    }

    // One CRM run (stage 1: CRM → outbox), then the worker until its rows are final (outbox → Campaign).
    private static async Task<bool> SyncCrmAsync(WebApplication app, NpgsqlDataSource dataSource, string title, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        var result = await app.Services.GetRequiredService<CrmSyncRunner>().RunAsync("cli", dryRun: false, cancellationToken);
        CrmRunPrinter.Print(result, Console.Out);
        if (result.Outcome != CrmRunOutcome.Succeeded)
        {
            return false;
        }

        if (result.Written is not { FirstId: { } firstId, LastId: { } lastId })
        {
            return true;
        }

        var status = new StatusStore(dataSource);
        var report = await FollowAsync(status, firstId, lastId, cancellationToken);
        await PrintSummaryAsync(status, report, firstId, lastId, cancellationToken);
        return report.Final == report.Total;
    }

    private static async Task PrintCampaignProfilesAsync(SimulatorHost simulator, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var profiles = await http.GetFromJsonAsync<JsonElement>($"/_sim/profiles/{DemoSeeder.Profile}", cancellationToken);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Campaign simulator now holds {profiles.GetArrayLength():N0} {DemoSeeder.Profile} profiles."));
    }

    private static SimulatorOptions DemoSimulatorOptions() => new()
    {
        KeyFailureRules = [new KeyFailureRule("^" + DemoSeeder.BouncingKeyPrefix, "1001", "Invalid email address")],
    };

    private static async Task<StatusReport> FollowAsync(StatusStore status, long firstId, long lastId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var report = await status.ReadAsync(firstId, lastId, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{clock.Elapsed.TotalSeconds,5:F0} s] final {report.Final:N0}/{report.Total:N0} · in flight {report.Outbox["in_flight"]:N0} · pending {report.Outbox["pending"]:N0} · requests open {report.Batches["submitted"] + report.Batches["polling"]:N0}"));
            if (report.Final == report.Total || clock.Elapsed > Timeout)
            {
                return report;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static async Task PrintSummaryAsync(StatusStore status, StatusReport report, long firstId, long lastId, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(report.Final == report.Total
            ? "Every row has a final outcome."
            : string.Create(CultureInfo.InvariantCulture, $"Timed out: {report.Total - report.Final:N0} rows are not final."));
        Console.WriteLine("Outcome     Code                Rows  Example reason");
        foreach (var row in await status.FinalByCodeAsync(firstId, lastId, cancellationToken))
        {
            var reason = row.Description.Length > 60 ? row.Description[..60] + "…" : row.Description;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.State,-11} {row.Code,-17} {row.Count,7:N0}  {reason}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Requests: {string.Join(", ", report.Batches.Where(b => b.Value > 0).Select(b => $"{b.Key} {b.Value:N0}"))}"));
    }
}
