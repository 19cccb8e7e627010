using System.Diagnostics;
using System.Globalization;

namespace CampaignSync.DevHost.PrivateCluster;

/// <summary>
/// Where one private cluster lives: a folder of its own in the temporary directory, <c>{temp}/campaign-sync-XXXXXX/</c>,
/// made by <see cref="Directory.CreateTempSubdirectory"/> (mkdtemp: a new name, mode 0700, never an existing folder). It
/// holds the data directory, the server log, the unix socket and <see cref="LockFileName"/>, the marker that the owning
/// process holds open with an exclusive lock for the cluster's life. The kernel drops that lock however the owner dies,
/// so a marker whose lock can be taken marks a cluster whose owner is gone, even when its process id has been reused.
/// </summary>
internal sealed record PrivatePostgresFolder(string Path)
{
    public const string NamePrefix = "campaign-sync-";

    public const string LockFileName = "campaign-sync-cluster.lock";

    public string DataDirectory => System.IO.Path.Combine(Path, "data");

    public string LogFile => System.IO.Path.Combine(Path, "server.log");

    public string LockFile => System.IO.Path.Combine(Path, LockFileName);

    /// <summary>The file initdb reads the superuser's password from, deleted as soon as initdb is done.</summary>
    public string PasswordFile => System.IO.Path.Combine(Path, "initdb.pw");

    /// <summary>The OS user that owns a cluster's folder: the server's account when this process is root, else this process's.</summary>
    public static string ExpectedOwner => PostgresProcessRunner.IsRoot ? PostgresProcessRunner.ServiceUser : Environment.UserName;

    /// <summary>Creates a new folder, private to this user, under the temporary directory.</summary>
    public static PrivatePostgresFolder CreateUnique() => new(Directory.CreateTempSubdirectory(NamePrefix).FullName);

    /// <summary>
    /// Opens the lock file exclusively (.NET takes an advisory flock for <see cref="FileShare.None"/> on Unix).
    /// Returns null when another live process holds it, it is missing (<see cref="FileMode.Open"/>) or it belongs to another user.
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

    /// <summary>
    /// True when this folder is one a cluster of ours made: a real folder (not a link) owned by <see cref="ExpectedOwner"/>
    /// with the marker in it. Anything else in the temporary directory (another user's folder, a planted link) is left alone.
    /// </summary>
    public async Task<bool> IsOursAsync(CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(Path);
        var marker = new FileInfo(LockFile);
        return folder.Exists && folder.LinkTarget is null && marker.Exists && marker.LinkTarget is null
            && string.Equals(await OwnerAsync(Path, cancellationToken), ExpectedOwner, StringComparison.Ordinal)
            && string.Equals(await OwnerAsync(LockFile, cancellationToken), ExpectedOwner, StringComparison.Ordinal);
    }

    /// <summary>The pg_ctl arguments that stop this cluster's server.</summary>
    public IReadOnlyList<string> StopArguments(string mode, TimeSpan timeout) =>
        ["stop", "-D", DataDirectory, "-m", mode, "-w", "-s",
            "-t", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)];

    /// <summary>Deletes the folder with the lock file in it; the caller still holds the lock open.</summary>
    public void Delete()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    // .NET has no API for a file's owner; coreutils' stat prints it without following a link (-c %U, no -L).
    private static async Task<string> OwnerAsync(string path, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "%U", "--", path])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start stat.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output.Trim() : string.Empty;
    }
}
