namespace CampaignSync.Pipeline;

/// <summary>This process's name as a lease owner: host, process id and a random suffix, unique per start.</summary>
internal sealed class WorkerIdentity
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
