using System.Diagnostics;
using CampaignSync.IntegrationTests.Infrastructure;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Runs the built worker executable as a child process, the way an operator or the Helm hook does: the integration
/// project references the worker and the development host, so <c>CampaignSync.Worker.dll</c>,
/// <c>CampaignSync.DevHost.dll</c> (the worker's verbs plus <c>demo</c>) and their runtime configs sit next to the tests.
/// Settings reach it as environment variables only; inherited settings of the same sections are removed first, and the
/// key ring's certificate (<see cref="KeyRingCertificate"/>) is given unless the test sets section DataProtection itself.
/// Everything a process prints also goes to the <see cref="SuiteLog"/>, and its secret settings are registered there.
/// </summary>
internal static class WorkerProcess
{
    private const string WorkerAssembly = "CampaignSync.Worker.dll";

    private static readonly string[] OwnedPrefixes =
    [
        "ConnectionStrings__", "Campaign__", "Batching__", "Database__", "Outbox__", "Polling__", "Submission__", "Dashboard__", "DataProtection__", "Logging__", "Shutdown__",
        "Urls", "ASPNETCORE_URLS",
    ];

    /// <summary>
    /// Runs <c>dotnet CampaignSync.Worker.dll</c> with <paramref name="arguments"/> and waits at most
    /// <paramref name="timeout"/>; a process still running then is killed and the test fails.
    /// </summary>
    public static Task<WorkerProcessResult> RunAsync(
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments) =>
        RunAsync(WorkerAssembly, environment, timeout, arguments);

    /// <summary>As <see cref="RunAsync(IReadOnlyDictionary{string, string}, TimeSpan, string[])"/>, with <c>dotnet CampaignSync.DevHost.dll</c>.</summary>
    public static Task<WorkerProcessResult> RunDevHostAsync(
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments) =>
        RunAsync("CampaignSync.DevHost.dll", environment, timeout, arguments);

    private static async Task<WorkerProcessResult> RunAsync(
        string assembly, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string[] arguments)
    {
        var source = SuiteLog.NewSource($"worker {arguments.FirstOrDefault()}");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(assembly, environment, arguments)) ?? throw new InvalidOperationException("The worker process did not start.");
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

        var result = new WorkerProcessResult(process.ExitCode, await output, await error, clock.Elapsed);
        foreach (var line in (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            SuiteLog.Write(source, line);
        }

        return result;
    }

    /// <summary>
    /// Starts <c>dotnet CampaignSync.Worker.dll</c> with <paramref name="arguments"/> (usually <c>run</c>) and returns at
    /// once. Unless <paramref name="environment"/> says otherwise it logs everything (Trace) as JSON lines with scopes,
    /// which go to the suite log as they come.
    /// </summary>
    public static RunningWorker Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var withLogging = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff",
            ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        };
        foreach (var (key, value) in environment)
        {
            withLogging[key] = value;
        }

        return new RunningWorker(StartInfo(WorkerAssembly, withLogging, arguments), SuiteLog.NewSource($"worker {arguments.FirstOrDefault()}"));
    }

    private static ProcessStartInfo StartInfo(string assembly, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => OwnedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in KeyRingCertificate.Settings("__").Concat(environment))
        {
            start.Environment[key] = value;
        }

        SuiteLog.RegisterSecrets(environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        return start;
    }
}
