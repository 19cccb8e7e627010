using System.Globalization;
using CampaignSync.Diagnostics;
using CampaignSync.Hosting;
using CampaignSync.Operations;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using Npgsql;

namespace CampaignSync.Cli;

/// <summary>
/// <c>abandon --batch N</c>: gives up a stalled request (past its deadline, Campaign still says processing), so its
/// rows are sent again and its contacts are free. Without <c>--yes</c> it says what it would do and exits 3.
/// </summary>
internal static class AbandonCommand
{
    public static Task<int> ExecuteAsync(long batchId, string? by, bool yes, CancellationToken cancellationToken) =>
        CliConsole.GuardAsync(async () =>
        {
            var configuration = WorkerConfiguration.Read();
            var services = new ServiceCollection()
                .AddSingleton(NpgsqlDataSource.Create(CliConsole.RequireConnectionString()))
                .AddCampaignSyncMetrics()
                .AddSingleton<OutcomeStore>()
                .AddSingleton<StalledRequestStore>();
            services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
            await using var provider = services.BuildServiceProvider();
            return await RunAsync(provider.GetRequiredService<StalledRequestStore>(), batchId, by ?? Environment.UserName, yes,
                Console.Out, cancellationToken);
        });

    public static async Task<int> RunAsync(StalledRequestStore store, long batchId, string actor, bool yes, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ConfigurationException("--by must name who acts");
        }

        var stalled = await store.FindAsync(batchId, cancellationToken);
        if (stalled is null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Batch {batchId} is not a stalled request (one past its deadline that Campaign still reports processing). Nothing changed."));
            return CliConsole.ExitFailed;
        }

        if (!yes)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Batch {batchId} is stalled since {stalled.StalledAt:u} with {stalled.RecordCount:N0} records; their contacts wait. Nothing changed: run again with --yes to abandon it (its rows are sent again, though Campaign may still apply the old request)."));
            return CliConsole.ExitNotConfirmed;
        }

        var record = await store.AbandonAsync(batchId, actor, cancellationToken);
        if (record is null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Batch {batchId} ended meanwhile. Nothing changed."));
            return CliConsole.ExitFailed;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Abandoned batch {batchId}: {record.RowCount:N0} rows go back to pending (operator action {record.ActionId} by {actor})."));
        return CliConsole.ExitOk;
    }
}
