namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// The scan of the whole run's logs (<see cref="SuiteLog"/>). Not parallel, so it runs after every parallel
/// collection, and <see cref="LastCollectionOrderer"/> puts it after the other non-parallel ones: nothing it scans
/// is still being written.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SuiteLogScanRuns
{
    public const string Name = "Suite log scan";
}
