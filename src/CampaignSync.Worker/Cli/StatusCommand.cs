using System.Globalization;
using System.Text.Json;
using CampaignSync.Database;
using CampaignSync.Operations;
using CampaignSync.Outbox;
using Npgsql;

namespace CampaignSync.Cli;

/// <summary>
/// <c>status [--json]</c>: outbox rows and batches by state, the age of the oldest pending row, each lane's rows left
/// with the time to finish them at the last five minutes' rate, and whether an operator paused the pipeline; a warning
/// on stderr while the database roles of migrations 0006 and 0017 are missing.
/// </summary>
internal static class StatusCommand
{
    public static Task<int> ExecuteAsync(bool json, CancellationToken cancellationToken) => CliConsole.GuardAsync(async () =>
    {
        await using var dataSource = NpgsqlDataSource.Create(CliConsole.RequireConnectionString());
        var report = await new StatusStore(dataSource).ReadAsync(0, long.MaxValue, cancellationToken);
        Console.WriteLine(json ? JsonSerializer.Serialize(report, StatusJsonContext.Default.StatusReport) : Describe(report));
        var missingRoles = await SchemaMigrator.MissingRolesAsync(dataSource, cancellationToken);
        if (missingRoles.Count > 0)
        {
            await Console.Error.WriteLineAsync(SchemaMigrator.MissingRolesWarning(missingRoles));
        }

        return CliConsole.ExitOk;
    });

    private static string Describe(StatusReport report) => string.Join(Environment.NewLine,
        "Outbox:  " + string.Join("  ", report.Outbox.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}"))),
        "Batches: " + string.Join("  ", report.Batches.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}"))),
        string.Create(CultureInfo.InvariantCulture, $"Oldest pending row: {report.OldestPendingAgeSeconds:N1} s"),
        "Lanes:   " + string.Join("  ", report.Lanes.Select(Describe)),
        "Pipeline: " + PauseCommand.Describe(report.Pause));

    private static string Describe(LaneProgress lane) => string.Create(CultureInfo.InvariantCulture,
        $"{lane.Lane} {lane.RowsLeft:N0} left, {lane.RowsPerSecond:N1} rows/s, done in {(lane.EtaSeconds is { } eta ? $"{eta:N0} s" : "unknown (nothing finished in the last 5 minutes)")}");
}
