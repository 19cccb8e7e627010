namespace CampaignSync.Hosting.Cli;

/// <summary><c>run</c>: the hosted worker, until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Task<int> ExecuteAsync(CancellationToken cancellationToken) => CliConsole.GuardAsync(async () =>
    {
        using var loggerFactory = CliConsole.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger("CampaignSync.Run");
        var (connectionString, cluster) = await DatabaseBootstrap.ResolveAsync(CliConsole.Configuration(), logger, cancellationToken);
        await using (cluster)
        {
            var builder = CampaignSyncHost.CreateBuilder(new Dictionary<string, string?>
            {
                [DatabaseOptions.ConnectionStringKey] = connectionString,
            });
            await using var app = CampaignSyncHost.Build(builder);
            await MigrateCommand.MigrateIfConfiguredAsync(app, cancellationToken);
            await app.RunAsync();
            return CliConsole.ExitOk;
        }
    });
}
