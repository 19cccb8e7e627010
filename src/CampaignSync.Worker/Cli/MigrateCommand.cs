using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.Polling;
using Microsoft.Extensions.Options;

namespace CampaignSync.Cli;

/// <summary>
/// <c>migrate</c>: applies migrations/, installs Hangfire's schema, grants the roles and exits; the Helm pre-install hook
/// runs this. It connects with <c>ConnectionStrings:Migrator</c>, else <c>ConnectionStrings:Postgres</c>.
/// </summary>
internal static class MigrateCommand
{
    public static Task<int> ExecuteAsync(CancellationToken cancellationToken) => CliConsole.GuardAsync(async () =>
    {
        var connectionString = CliConsole.RequireMigratorConnectionString();
        // Polling:HangfireSchema names the schema migrate installs: validated as run validates it (an identifier).
        var polling = WorkerConfiguration.Read().GetSection(PollingOptions.SectionName).Get<PollingOptions>() ?? new PollingOptions();
        var validation = new SectionValidator<PollingOptions>(PollingOptions.SectionName).Validate(null, polling);
        if (validation.Failed)
        {
            throw new OptionsValidationException(PollingOptions.SectionName, typeof(PollingOptions), validation.Failures);
        }

        var hangfireSchema = polling.HangfireSchema;
        using var loggerFactory = CliConsole.CreateLoggerFactory();
        var result = await Task.Run(
            () => SchemaMigrator.Migrate(connectionString, loggerFactory.CreateLogger("CampaignSync.Migrate"), hangfireSchema), cancellationToken);
        Console.WriteLine(result.Applied.Count == 0
            ? $"Schema is current (version {SchemaMigrator.ExpectedVersion})."
            : $"Applied {result.Applied.Count} script(s): {string.Join(", ", result.Applied)}; schema version {SchemaMigrator.ExpectedVersion}.");
        if (result.MissingRoles.Count > 0)
        {
            await Console.Error.WriteLineAsync(SchemaMigrator.MissingRolesWarning(result.MissingRoles));
        }

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
            var hangfireSchema = app.Services.GetRequiredService<IOptions<PollingOptions>>().Value.HangfireSchema;
            await Task.Run(() => SchemaMigrator.Migrate(database.MigrationConnectionString, logger, hangfireSchema), cancellationToken);
        }
    }
}
