namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// The test classes that start worker hosts, and with them a Hangfire server. Hangfire keeps process-global state
/// (its log provider points at the logger factory of the host that configured it last), so two such hosts alive at
/// once in one test process can break each other when one is disposed: seen as ObjectDisposedException('LoggerFactory')
/// in the other host's start and as jobs that never ran. One collection runs these classes one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireHosts
{
    public const string Name = "Hangfire hosts";
}
