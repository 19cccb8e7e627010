using Microsoft.Extensions.Options;

namespace CampaignSync.Hosting.Cli;

/// <summary><c>migrate</c>: applies migrations/ and exits; the Helm pre-install hook runs this.</summary>
internal static class MigrateCommand
{
    public static Task<int> ExecuteAsync(CancellationToken cancellationToken) => CliConsole.GuardAsync(async () =>
    {
        var connectionString = CliConsole.RequireConnectionString();
        using var loggerFactory = CliConsole.CreateLoggerFactory();
        var applied = await Task.Run(() => SchemaMigrator.Migrate(connectionString, loggerFactory.CreateLogger("CampaignSync.Migrate")), cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? $"Schema is current (version {SchemaMigrator.ExpectedVersion})."
            : $"Applied {applied.Count} script(s): {string.Join(", ", applied)}; schema version {SchemaMigrator.ExpectedVersion}.");
        return CliConsole.ExitOk;
    });

    /// <summary>
    /// Applies migrations before the host starts, unless Database:MigrateOnStart is false. The settings were validated
    /// when the host was built (<see cref="CampaignSyncHost.Build"/>).
    /// </summary>
    public static async Task MigrateIfConfiguredAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.MigrateOnStart)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CampaignSync.Migrate");
            await Task.Run(() => SchemaMigrator.Migrate(database.ConnectionString, logger), cancellationToken);
        }
    }
}
