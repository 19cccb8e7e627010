using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignSync.DevHost.PrivateCluster;

/// <summary>
/// One folder holding the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) and their major version.
/// </summary>
internal sealed partial record PostgresBinaries(string Directory, int MajorVersion)
{
    /// <summary>The oldest major version the schema and the dev settings are written for.</summary>
    public const int MinimumMajorVersion = 15;

    /// <summary>What to install when no server is found (Debian's meta-package pulls in the current major).</summary>
    public const string InstallCommand = "apt-get install -y postgresql";

    private const string DebianRoot = "/usr/lib/postgresql";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Finds the newest server of at least <see cref="MinimumMajorVersion"/> on PATH or under /usr/lib/postgresql/*/bin.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such server is installed; the message names the package to install.</exception>
    public static Task<PostgresBinaries> LocateAsync(CancellationToken cancellationToken) =>
        LocateAsync(CandidateDirectories(), cancellationToken);

    /// <summary>Picks the newest qualifying server among <paramref name="searchDirectories"/> (for tests).</summary>
    public static async Task<PostgresBinaries> LocateAsync(
        IEnumerable<string> searchDirectories, CancellationToken cancellationToken)
    {
        var directories = searchDirectories
            .Where(HasAllPrograms)
            .Select(ResolveProgramDirectory)
            .Distinct(StringComparer.Ordinal);
        PostgresBinaries? best = null;
        foreach (var directory in directories)
        {
            var version = await ReadMajorVersionAsync(Path.Combine(directory, "pg_ctl"), cancellationToken);
            if (version >= MinimumMajorVersion && (best is null || version > best.MajorVersion))
            {
                best = new PostgresBinaries(directory, version);
            }
        }

        return best ?? throw new InvalidOperationException(
            $"No PostgreSQL server {MinimumMajorVersion} or newer (initdb, pg_ctl, postgres) was found on PATH or under " +
            $"{DebianRoot}/*/bin. Install it with: {InstallCommand}");
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debianDirectories = System.IO.Directory.Exists(DebianRoot)
            ? System.IO.Directory.EnumerateDirectories(DebianRoot).Select(version => Path.Combine(version, "bin"))
            : [];
        return pathDirectories.Concat(debianDirectories);
    }

    private static bool HasAllPrograms(string directory) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    // A PATH entry is often a symlink (/usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl); the real
    // folder is the one whose siblings match the version, and it is what pg_ctl itself resolves to.
    private static string ResolveProgramDirectory(string directory)
    {
        var pgCtl = new FileInfo(Path.Combine(directory, "pg_ctl"));
        var target = pgCtl.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl.FullName;
        var resolved = Path.GetDirectoryName(target) ?? directory;
        return HasAllPrograms(resolved) ? resolved : Path.GetFullPath(directory);
    }

    private static async Task<int> ReadMajorVersionAsync(string pgCtl, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(pgCtl) { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("--version");
        using var process = Process.Start(startInfo);
        if (process is null)
        {
            return 0;
        }

        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var match = VersionPattern().Match(output);
        return process.ExitCode == 0 && match.Success
            ? int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture)
            : 0;
    }

    // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    [GeneratedRegex(@"\(PostgreSQL\)\s+(?<major>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
