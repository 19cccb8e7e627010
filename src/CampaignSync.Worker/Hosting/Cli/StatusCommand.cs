using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace CampaignSync.Hosting.Cli;

/// <summary>
/// <c>status [--json]</c>: outbox rows and batches by state, and the age of the oldest pending row; a warning on stderr
/// while the database roles of migrations 0006 and 0017 are missing.
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
        string.Create(CultureInfo.InvariantCulture, $"Oldest pending row: {report.OldestPendingAgeSeconds:N1} s"));
}
