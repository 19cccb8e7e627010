using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// A contact's next row waits while its request is unfinished, and is sent as soon as that request's outcome is
/// written: the released hold wakes the claim loop. The fallback poll is set to an hour, so a row that waited for it
/// would never finish within the test's patience.
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class ReleasedHoldWakeTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_contacts_next_row_is_sent_when_its_request_finishes_not_at_the_next_poll()
    {
        var database = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var harness = await PipelineHarness.StartAsync(database, new SimulatorOptions(), workers: 0);
        await harness.UpsertAsync("wake-1", new { city = "Leeds" });
        var second = await harness.UpsertAsync("wake-1", new { city = "York" });

        // Both rows are pending together; the second overwrites what the first set, so it waits for the next request.
        await harness.StartWorkerAsync(InvisibleFoldingTests.QuickRecovery(("Outbox:PollInterval", "01:00:00")));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal("succeeded", rows[second].State);
        Assert.Equal("York", (await harness.SimulatorProfilesAsync())["wake-1"]["city"]);
        await harness.AssertOneFinalOutcomePerRowAsync();
    }
}
