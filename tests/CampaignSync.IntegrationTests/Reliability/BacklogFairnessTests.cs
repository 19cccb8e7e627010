using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// Rows that come back below the claim's keyset (here: retries whose backoff ended) are claimed while a backlog of
/// newer rows drains, not after it: every claim of the backlog comes back full, so the keyset alone would never
/// wrap around to them.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class BacklogFairnessTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Retries_due_during_a_sustained_backlog_are_sent_before_the_backlog_drains()
    {
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^retry-", "500", "Internal error")] };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            options, workers: 0);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'retry-' || i, 'upsert', jsonb_build_object('city', 'r' || i) from generate_series(1, 20) i;
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'backlog-' || i, 'upsert', jsonb_build_object('city', 'b' || i) from generate_series(1, 4000) i;
            """);
        await harness.StartWorkerAsync(new Dictionary<string, string?>
        {
            ["Outbox:ClaimSize"] = "20",
            ["Batching:MaxRecords"] = "20",
            ["Submission:MaxOpenBatches"] = "2",
        });

        // Every retry row failed once (a retryable 500 in the error file) and is back in pending, below the cursor.
        await harness.WaitUntilAsync("every retry row sent once",
            "select count(*) = 20 from campaign_sync.outbox where profile_key like 'retry-%' and attempts >= 1", Patience);
        options.KeyFailureRules = [];

        await harness.WaitUntilAsync("every retry row succeeded",
            "select count(*) = 20 from campaign_sync.outbox where profile_key like 'retry-%' and state = 'succeeded'", Patience);
        var backlogLeft = await connection.ExecuteScalarAsync<long>(
            "select count(*) from campaign_sync.outbox where profile_key like 'backlog-%' and state <> 'succeeded'");
        Assert.True(backlogLeft > 0, $"The retries were only sent once the backlog had drained. {await harness.DescribeStatesAsync()}");
    }
}
