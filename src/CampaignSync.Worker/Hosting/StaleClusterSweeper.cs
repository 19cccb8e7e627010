
namespace CampaignSync.Hosting;

/// <summary>
/// Removes private clusters whose owning process died without disposing them (killed test host, CI timeout):
/// stops a server still running there and deletes the folder. Live clusters of other processes are left alone.
/// </summary>
internal static class StaleClusterSweeper
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static async Task SweepAsync(
        string dataRoot, PostgresBinaries binaries, ILogger logger, CancellationToken cancellationToken)
    {
        var pattern = PrivatePostgresFolder.NamePrefix + "*";
        var fromLocks = Directory.EnumerateFiles(dataRoot, pattern + PrivatePostgresFolder.LockSuffix)
            .Select(lockFile => lockFile[..^PrivatePostgresFolder.LockSuffix.Length]);
        var candidates = Directory.EnumerateDirectories(dataRoot, pattern)
            .Concat(fromLocks)
            .Distinct(StringComparer.Ordinal)
            .Select(path => new PrivatePostgresFolder(path))
            .ToList();
        foreach (var folder in candidates)
        {
            // OpenOrCreate: an owner creates its lock before its folder, so a folder without one is already orphaned.
            using var claim = folder.TryLock(FileMode.OpenOrCreate);
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
