namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that read process-wide instruments: a MeterProvider listens to every <c>Meter("CampaignSync")</c> in the
/// process, so these run alone, after the parallel tests, with no other worker host alive.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialRuns
{
    public const string Name = "Serial";
}
