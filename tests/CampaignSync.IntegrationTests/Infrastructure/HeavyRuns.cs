namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// Test classes that drive thousands of rows through real worker hosts share this collection, so they run one
/// after another (beside the light classes) instead of all at once on a 2-core machine, where their waits would
/// measure CPU contention rather than the worker.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyRuns
{
    public const string Name = "Heavy end-to-end runs";
}
