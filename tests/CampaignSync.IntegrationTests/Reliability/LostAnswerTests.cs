using System.Globalization;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// A write answered at once (a Bulk or Single upsert, a delete) whose answer never came may still be applied: the
/// simulator takes longer inside than the worker waits, and applies the call anyway. Resending it, or sending a newer
/// change of the contact, before the request's deadline would put two writes of one contact in flight, and the older
/// could land last.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class LostAnswerTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // With Outbox:MaxAttempts 1 the lost answer was the row's last attempt: it ends dead, so no pending row of the
    // contact is left to hold the newer one back; the contact's hold must.
    [Theory]
    [InlineData(UpsertTransports.Bulk, "upsert", 5)]
    [InlineData(UpsertTransports.Single, "upsert", 5)]
    [InlineData(UpsertTransports.AsyncFile, "delete", 5)]
    [InlineData(UpsertTransports.Bulk, "upsert", 1)]
    [InlineData(UpsertTransports.AsyncFile, "delete", 1)]
    public async Task A_write_whose_answer_never_came_holds_its_contact_until_the_deadline(string transport, string operation, int maxAttempts)
    {
        var simulator = new SimulatorOptions { WriteCallDuration = TimeSpan.FromSeconds(4) };
        var settings = UpsertTransports.Settings(transport, new Dictionary<string, string?>
        {
            ["Campaign:AttemptTimeout"] = "00:00:01",
            ["Campaign:TotalTimeout"] = "00:00:02",
            ["Submission:RequestDeadline"] = "00:00:08",
            ["Outbox:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
        });
        await using var harness = await PipelineHarness.StartAsync(
            await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), simulator, workers: 1, settings);
        var first = operation == "delete"
            ? await harness.DeleteAsync("lost-1")
            : await harness.UpsertAsync("lost-1", new { city = "old", email = "old@mail.example" });

        // The worker gave up waiting for the first call, which the simulator still holds (and will apply).
        await harness.WaitUntilAsync($"row {first} sent once and back",
            $"select attempts >= 1 and state <> 'in_flight' from campaign_sync.outbox where id = {first}", Patience);
        harness.Simulator.Options.WriteCallDuration = TimeSpan.Zero;
        await harness.UpsertAsync("lost-1", new { city = "new" });
        await harness.WaitUntilAllFinalAsync(Patience);

        Assert.True(await harness.SimulatorStatAsync("overlapping_key_requests") == 0,
            $"Two writes of lost-1 were in flight at once. Rows: {await harness.DescribeStatesAsync()}");
        await harness.AssertOneFinalOutcomePerRowAsync();
        var profile = (await harness.SimulatorProfilesAsync())["lost-1"];
        Assert.Equal("new", profile["city"]);
    }
}
