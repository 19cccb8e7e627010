using System.Globalization;

namespace CampaignSync.Hosting;

/// <summary>
/// Where one private cluster lives: <c>{dataRoot}/cluster-{pid}-{id}/</c> holds the data directory, the server log
/// and the unix socket; <c>{dataRoot}/cluster-{pid}-{id}.lock</c> beside it is held open with an exclusive lock by the
/// owning process for the cluster's life. The kernel drops that lock however the owner dies, so a lock that can be
/// taken marks a cluster whose owner is gone, even when its process id has been reused since.
/// </summary>
internal sealed record PrivatePostgresFolder(string Path)
{
    public const string NamePrefix = "cluster-";

    public const string LockSuffix = ".lock";

    public string DataDirectory => System.IO.Path.Combine(Path, "data");

    public string LogFile => System.IO.Path.Combine(Path, "server.log");

    public string LockFile => Path + LockSuffix;

    /// <summary>A new, unique folder name under <paramref name="dataRoot"/> (not created).</summary>
    public static PrivatePostgresFolder CreateUnique(string dataRoot) =>
        new(System.IO.Path.Combine(
            System.IO.Path.GetFullPath(dataRoot),
            string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}")));

    /// <summary>
    /// Opens the lock file exclusively (.NET takes an advisory flock for <see cref="FileShare.None"/> on Unix).
    /// Returns null when another live process holds it or it belongs to another user.
    /// </summary>
    public FileStream? TryLock(FileMode mode)
    {
        try
        {
            return new FileStream(LockFile, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The pg_ctl arguments that stop this cluster's server.</summary>
    public IReadOnlyList<string> StopArguments(string mode, TimeSpan timeout) =>
        ["stop", "-D", DataDirectory, "-m", mode, "-w", "-s",
            "-t", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)];

    /// <summary>Deletes the folder, then the lock file; the caller still holds the lock open.</summary>
    public void Delete()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        File.Delete(LockFile);
    }
}
