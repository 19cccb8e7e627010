namespace CampaignSync.Cli;

/// <summary><c>run</c>: the hosted worker, until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Task<int> ExecuteAsync(CancellationToken cancellationToken) => CliConsole.WithWorkerHostAsync(async app =>
    {
        await app.RunAsync();
        return CliConsole.ExitOk;
    }, cancellationToken);
}
