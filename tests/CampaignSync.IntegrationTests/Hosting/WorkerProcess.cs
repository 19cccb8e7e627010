using System.Diagnostics;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Runs the built worker executable as a child process, the way an operator or the Helm hook does: the integration
/// project references the worker, so <c>CampaignSync.Worker.dll</c> and its runtime config sit next to the tests.
/// Settings reach it as environment variables only; inherited settings of the same sections are removed first.
/// </summary>
internal static class WorkerProcess
{
    private static readonly string[] OwnedPrefixes =
    [
        "ConnectionStrings__", "Campaign__", "Batching__", "Database__", "Outbox__", "Polling__", "Submission__", "Urls", "ASPNETCORE_URLS",
    ];

    /// <summary>
    /// Runs <c>dotnet CampaignSync.Worker.dll</c> with <paramref name="arguments"/> and waits at most
    /// <paramref name="timeout"/>; a process still running then is killed and the test fails.
    /// </summary>
    public static async Task<WorkerProcessResult> RunAsync(
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CampaignSync.Worker.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => OwnedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{string.Join(' ', arguments)}` still ran after {timeout}; output so far: {await output}{await error}");
        }

        return new WorkerProcessResult(process.ExitCode, await output, await error, clock.Elapsed);
    }
}
