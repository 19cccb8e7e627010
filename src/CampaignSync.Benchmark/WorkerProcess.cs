using System.Diagnostics;
using System.Globalization;
using CampaignSync.Hosting;

namespace CampaignSync.Benchmark;

/// <summary>
/// The real worker (<c>CampaignSync.Worker run</c>, the same build as this benchmark) as a child process against the
/// benchmark's database and simulator, so that its peak RSS is its own: the simulator, which holds every profile in
/// memory, and the loader stay in this process. Its output is shown (a few lines at most: warnings and up).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int MaxEchoedLines = 40;
    private readonly Process _process;
    private int _echoed;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var dll = typeof(CampaignSyncHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("run");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Echo(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The peak resident set size so far (VmHWM in /proc), in MiB.</summary>
    public double PeakRssMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    /// <summary>The worker's CPU time so far (user + system).</summary>
    public TimeSpan CpuTime() => PostgresCpu.ProcessTime(_process.Id) ?? TimeSpan.Zero;

    /// <summary>Ends the worker at once: every row is final by then, so there is nothing left to hand back.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Echo(string? line)
    {
        if (line is not null && Interlocked.Increment(ref _echoed) <= MaxEchoedLines)
        {
            Console.WriteLine($"  worker | {line}");
        }
    }
}
