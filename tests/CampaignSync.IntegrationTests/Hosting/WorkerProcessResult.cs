namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>How a worker process ended: its exit code, everything it printed, and how long it ran.</summary>
internal sealed record WorkerProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed}; stdout: {StandardOutput}; stderr: {StandardError}";
}
