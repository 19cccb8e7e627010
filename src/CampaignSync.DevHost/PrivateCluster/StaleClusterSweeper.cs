
namespace CampaignSync.DevHost.PrivateCluster;

/// <summary>
/// Removes private clusters whose owning process died without disposing them (killed test host, CI timeout): stops a
/// server still running there and deletes the folder. It touches only folders of ours (<see cref="PrivatePostgresFolder.IsOursAsync"/>:
/// owned by this user, with the marker in them) whose lock no live process holds; another user's folder of the same name,
/// planted to steer pg_ctl, and live clusters of other processes are left alone.
/// </summary>
internal static class StaleClusterSweeper
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static async Task SweepAsync(
        string temporaryDirectory, PostgresBinaries binaries, ILogger logger, CancellationToken cancellationToken)
    {
        var candidates = Directory.EnumerateDirectories(temporaryDirectory, PrivatePostgresFolder.NamePrefix + "*")
            .Select(path => new PrivatePostgresFolder(path))
            .ToList();
        foreach (var folder in candidates)
        {
            if (!await folder.IsOursAsync(cancellationToken))
            {
                continue;
            }

            // Open, never create: a folder whose owner died before it took the lock has no server and is left as it is.
            using var claim = folder.TryLock(FileMode.Open);
            if (claim is not null)
            {
                await RemoveAsync(folder, binaries, logger, cancellationToken);
            }
        }
    }

    private static async Task RemoveAsync(
        PrivatePostgresFolder folder, PostgresBinaries binaries, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (File.Exists(Path.Combine(folder.DataDirectory, "postmaster.pid")))
            {
                // Exit code ignored: the server may be gone already; deleting the folder below ends it anyway.
                await PostgresProcessRunner.RunAsync(
                    binaries.PgCtl, folder.StopArguments("immediate", StopTimeout), folder.Path, cancellationToken);
            }

            folder.Delete();
            logger.StalePostgresRemoved(folder.Path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.StalePostgresRemovalFailed(folder.Path, exception);
        }
    }
}
