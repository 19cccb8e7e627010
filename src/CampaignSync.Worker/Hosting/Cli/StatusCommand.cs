using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace CampaignSync.Hosting.Cli;

/// <summary><c>status [--json]</c>: outbox rows and batches by state, the age of the oldest pending row, and whether an operator paused the pipeline.</summary>
internal static class StatusCommand
{
    public static Task<int> ExecuteAsync(bool json, CancellationToken cancellationToken) => CliConsole.GuardAsync(async () =>
    {
        await using var dataSource = NpgsqlDataSource.Create(CliConsole.RequireConnectionString());
        var report = await new StatusStore(dataSource).ReadAsync(0, long.MaxValue, cancellationToken);
        Console.WriteLine(json ? JsonSerializer.Serialize(report, StatusJsonContext.Default.StatusReport) : Describe(report));
        return CliConsole.ExitOk;
    });

    private static string Describe(StatusReport report) => string.Join(Environment.NewLine,
        "Outbox:  " + string.Join("  ", report.Outbox.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}"))),
        "Batches: " + string.Join("  ", report.Batches.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}"))),
        string.Create(CultureInfo.InvariantCulture, $"Oldest pending row: {report.OldestPendingAgeSeconds:N1} s"),
        "Pipeline: " + PauseCommand.Describe(report.Pause));
}
