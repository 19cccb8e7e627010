using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using CampaignSync.IntegrationTests.Infrastructure;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// A worker child process started by <see cref="WorkerProcess.Start"/>: its output is read line by line (to the suite
/// log, the first and the last lines kept) until it ends; <see cref="KillAsync"/> ends it
/// the hard way, <see cref="TerminateAsync"/> the way Kubernetes does.
/// </summary>
internal sealed class RunningWorker : IAsyncDisposable
{
    private const int TailLines = 40;
    private const int FirstLinesKept = 2_000;
    private const string StartedMarker = "Application started";

    private static readonly Regex ListeningOn = new(@"Now listening on: (?<address>https?://[^\s""]+)", RegexOptions.CultureInvariant);

    private readonly Process _process;
    private readonly string _source;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly ConcurrentQueue<string> _first = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunningWorker(ProcessStartInfo start, string source)
    {
        _source = source;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.Exited += (_, _) => _started.TrySetException(new InvalidOperationException("The worker process ended before it started."));
        if (!_process.Start())
        {
            throw new InvalidOperationException("The worker process did not start.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process printed, for failure messages.</summary>
    public string Tail => $"{_source} (pid {Id}{(HasExited ? $", exited {_process.ExitCode}" : "")}), last lines:\n{string.Join('\n', _tail)}";

    /// <summary>The first lines the process printed (start-up, e.g. the settings Hangfire logs), so far.</summary>
    public IReadOnlyCollection<string> FirstLines => _first;

    /// <summary>The address Kestrel said it listens on (the dashboard, /metrics); read once the host has started.</summary>
    public Uri Address => _first.Select(l => ListeningOn.Match(l)).FirstOrDefault(m => m.Success) is { } match
        ? new Uri(match.Groups["address"].Value)
        : throw new InvalidOperationException($"The worker printed no \"Now listening on\" line.\n{Tail}");

    /// <summary>Waits (bounded) until the host says it started; fails with the process's last lines otherwise.</summary>
    public async Task WaitUntilStartedAsync(TimeSpan timeout)
    {
        try
        {
            await _started.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Assert.Fail($"The worker did not start within {timeout}: {e.Message}\n{Tail}");
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown code runs. Waits until the process and its output have ended.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// SIGTERM (what the kubelet sends a pod being replaced), then waits at most <paramref name="patience"/> for the
    /// process to end; returns its exit code and how long it took from the signal. A process still running after that
    /// fails the test with its last lines.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Elapsed)> TerminateAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-s", "TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(kill.ExitCode == 0, $"kill -s TERM {Id} exited {kill.ExitCode}");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(patience);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The worker still ran {patience} after SIGTERM.\n{Tail}");
        }

        return (_process.ExitCode, clock.Elapsed);
    }

    /// <summary>Kills the process if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        SuiteLog.Write(_source, line);
        if (_first.Count < FirstLinesKept)
        {
            _first.Enqueue(line);
        }

        _tail.Enqueue(line);
        while (_tail.Count > TailLines && _tail.TryDequeue(out _))
        {
        }

        if (line.Contains(StartedMarker, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }
}
