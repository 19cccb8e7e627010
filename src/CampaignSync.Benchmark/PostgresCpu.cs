using System.Globalization;
using Dapper;
using Npgsql;

namespace CampaignSync.Benchmark;

/// <summary>
/// CPU time (user + system, from <c>/proc</c>) of one process, or of a Postgres server: its postmaster, the children it
/// has reaped (a backend that exited: the postmaster's cutime and cstime) and the children still running (backends,
/// background workers), found by the postmaster's pid in the data directory. The sum only grows.
/// </summary>
internal sealed class PostgresCpu
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on Linux for every architecture .NET runs on.
    private readonly int _postmaster;

    private PostgresCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<PostgresCpu> OfServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var dataDirectory = await connection.ExecuteScalarAsync<string>(new CommandDefinition("show data_directory", cancellationToken: cancellationToken));
        var pidLine = (await File.ReadAllLinesAsync(Path.Combine(dataDirectory!, "postmaster.pid"), cancellationToken))[0];
        return new PostgresCpu(int.Parse(pidLine, CultureInfo.InvariantCulture));
    }

    /// <summary>The server's CPU time so far: the postmaster and its children, exited or running.</summary>
    public TimeSpan Read()
    {
        var total = Stat(_postmaster) is { } postmaster ? postmaster.Cpu + postmaster.ReapedChildrenCpu : TimeSpan.Zero;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } stat && stat.Parent == _postmaster)
            {
                total += stat.Cpu;
            }
        }

        return total;
    }

    /// <summary>One process's CPU time so far; null once it has exited.</summary>
    public static TimeSpan? ProcessTime(int pid) => Stat(pid)?.Cpu;

    // /proc/PID/stat: the command name is in parentheses and may hold spaces; fields after it are space-separated:
    // state (3), ppid (4), ..., utime (14), stime (15), cutime (16), cstime (17).
    private static (int Parent, TimeSpan Cpu, TimeSpan ReapedChildrenCpu)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        return (parent, Ticks(fields[11], fields[12]), Ticks(fields[13], fields[14]));

        static TimeSpan Ticks(string user, string system) => TimeSpan.FromSeconds(
            (long.Parse(user, CultureInfo.InvariantCulture) + long.Parse(system, CultureInfo.InvariantCulture)) / TicksPerSecond);
    }
}
