using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// The logs of the whole test run in one file (<see cref="FilePath"/>): every worker host and simulator the tests start
/// in-process logs here at Trace level through <see cref="AddTo"/>, and every worker child process's stdout and
/// stderr comes here line by line. The secrets the tests configure are registered as they are handed out. The last
/// test of the run (<c>Diagnostics.SuiteLogScanTests</c>, in <see cref="SuiteLogScanRuns"/>) scans the file.
/// </summary>
internal static class SuiteLog
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> Lines = new(StringComparer.Ordinal);
    private static int sources;
    private static StreamWriter? writer;

    /// <summary>Where the lines go: next to the test binaries, replaced by every run.</summary>
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "logs", "suite.log");

    /// <summary>The secrets registered so far (API keys, passwords, tokens of every host and process started).</summary>
    public static IReadOnlyCollection<string> KnownSecrets => [.. Secrets.Keys];

    /// <summary>Every source registered so far and how many lines it wrote.</summary>
    public static IReadOnlyDictionary<string, long> LinesBySource => new Dictionary<string, long>(Lines);

    /// <summary>Names a new source (a host or a process) and registers it, so the scan can tell one that wrote nothing.</summary>
    public static string NewSource(string kind)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{kind} #{Interlocked.Increment(ref sources)}");
        Lines.TryAdd(name, 0);
        return name;
    }

    /// <summary>A value that must appear in no log line.</summary>
    public static void RegisterSecret(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Secrets.TryAdd(value, 0);
        }
    }

    /// <summary>Registers the values of settings whose names say they are secret (…ApiKey, …Password, …Token, …Secret).</summary>
    public static void RegisterSecrets(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        string[] secretNames = ["ApiKey", "Password", "Token", "Secret"];
        foreach (var (key, value) in settings)
        {
            if (secretNames.Any(n => key.EndsWith(n, StringComparison.OrdinalIgnoreCase)))
            {
                RegisterSecret(value);
            }
        }
    }

    /// <summary>
    /// Sends every log entry of a host to the suite log at Trace level, whatever the host's own level is for its other
    /// providers (a provider-specific filter wins over <c>Logging:LogLevel:Default</c>).
    /// </summary>
    public static ILoggingBuilder AddTo(ILoggingBuilder logging, string kind)
    {
        var source = NewSource(kind);
        return logging
            .AddProvider(new CapturingLoggerProvider(entry => Write(source, $"{entry.Level} {entry.Category}[{entry.EventId}] {entry.Text}")))
            .AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
    }

    /// <summary>Appends one line of <paramref name="source"/> with the time; line breaks inside it are written as <c>\n</c>.</summary>
    public static void Write(string source, string text)
    {
        var line = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        lock (Gate)
        {
            writer ??= Open();
            writer.Write(TimeProvider.System.GetUtcNow().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
            writer.Write(source);
            writer.Write(" | ");
            writer.WriteLine(line);
        }

        Lines.AddOrUpdate(source, 1, (_, count) => count + 1);
    }

    /// <summary>Scans everything written so far against the patterns and the registered secrets.</summary>
    public static IReadOnlyList<LogLeak> Scan(out long linesScanned)
    {
        lock (Gate)
        {
            writer?.Flush();
        }

        var scanner = new LogScanner(KnownSecrets);
        var leaks = new List<LogLeak>();
        linesScanned = 0;
        if (!File.Exists(FilePath))
        {
            return leaks;
        }

        using var reader = new StreamReader(new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            linesScanned++;
            var separator = line.IndexOf(" | ", StringComparison.Ordinal);
            leaks.AddRange(scanner.Scan(line, linesScanned, separator > 13 ? line[13..separator] : ""));
        }

        return leaks;
    }

    private static StreamWriter Open()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // A run filtered to tests without the scan still leaves the whole file behind to read.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Gate)
            {
                writer?.Flush();
            }
        };
        return new StreamWriter(new FileStream(FilePath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite), bufferSize: 1 << 16);
    }
}
