using System.Globalization;
using Dapper;
using Npgsql;

namespace CampaignSync.Benchmark;

/// <summary>
/// CPU time (user + system, from <c>/proc</c>) of one process, or of a Postgres server: its postmaster and every
/// process it started (backends, background workers), found by the postmaster's pid in the data directory. Backends
/// that exit between two readings take their CPU with them, so a drain reads it while its connections are open.
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

    /// <summary>The server's CPU time so far: the postmaster and its children.</summary>
    public TimeSpan Read()
    {
        var total = ProcessTime(_postmaster) ?? TimeSpan.Zero;
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
    // state (3), ppid (4), ..., utime (14), stime (15).
    private static (int Parent, TimeSpan Cpu)? Stat(int pid)
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
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (parent, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }
}
