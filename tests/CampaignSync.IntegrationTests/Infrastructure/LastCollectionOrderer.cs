using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(CampaignSync.IntegrationTests.Infrastructure.LastCollectionOrderer))]

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// xUnit's default order (stable, by unique id), except that <see cref="SuiteLogScanRuns"/> comes last. xUnit runs
/// the parallel collections first and then the non-parallel ones in this order, so the suite's log scan sees the
/// logs of every other test.
/// </summary>
public sealed class LastCollectionOrderer : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var ordered = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        return [.. ordered.Where(c => !IsScan(c)), .. ordered.Where(c => IsScan(c))];
    }

    private static bool IsScan(ITestCollection collection) =>
        collection is IXunitTestCollection { CollectionDefinition: { } definition } && definition == typeof(SuiteLogScanRuns);
}
