using System.Diagnostics.Metrics;
using CampaignSync.Diagnostics;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// A writer cannot starve the worker (issue 15): a contact with a million pending rows, a row with a 10 MB attribute
/// and a contact whose claims keep lapsing (its replica dies each time) neither exhaust a worker nor stop the other
/// contacts from draining.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class WriterCapTests(PostgresFixture server)
{
    // A claim passes the hot key's million rows; on a loaded machine the first one takes a while.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);
    private static readonly CampaignSyncMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task A_million_rows_for_one_key_and_a_10_MB_attribute_do_not_stop_other_contacts_from_draining()
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions(), workers: 0);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // The hot key's rows come first in id order, so every claim meets them before the other contacts.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'hot-key', 'upsert', jsonb_build_object('visits', i) from generate_series(1, 1000000) i;
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            values ('contacts', 'huge-row', 'upsert', jsonb_build_object('notes', repeat('x', 10 * 1024 * 1024)));
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'other-' || i, 'upsert', jsonb_build_object('city', 'c' || i) from generate_series(1, 200) i;
            """, commandTimeout: 600, cancellationToken: TestContext.Current.CancellationToken));

        await harness.StartWorkerAsync();

        await harness.WaitUntilAsync("the other contacts all succeeded",
            "select count(*) = 200 from campaign_sync.outbox where profile_key like 'other-%' and state = 'succeeded'", Patience);
        var huge = await connection.QuerySingleAsync<(string State, string Code, string Description)>(
            "select state, outcome_code, outcome_description from campaign_sync.outbox where profile_key = 'huge-row'");
        Assert.True(huge.State == "failed" && huge.Code == ChangeValidator.InvalidRowCode && huge.Description.Contains("Outbox:MaxAttributeBytes", StringComparison.Ordinal),
            $"The 10 MB row ended {huge}.");
        var hotSent = await connection.ExecuteScalarAsync<long>(
            "select count(*) from campaign_sync.outbox where profile_key = 'hot-key' and state <> 'pending'");
        Assert.True(hotSent is > 0 and < 1_000_000, $"{hotSent:N0} rows of the hot key were sent or folded. {await harness.DescribeStatesAsync()}");
    }

    [Fact]
    public async Task A_contact_whose_claims_keep_lapsing_ends_dead_after_the_attempts_run_out()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        var options = new OutboxOptions { MaxAttempts = 3 };
        var outbox = new OutboxStore(dataSource, Metrics, Options.Create(options));
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("select campaign_sync.enqueue_upsert('contacts', 'poison', '{\"city\": \"x\"}')");
        await connection.ExecuteAsync("select campaign_sync.enqueue_upsert('contacts', 'healthy', '{\"city\": \"y\"}')");

        // Each round: a replica claims the poison contact and dies before sending (its lease runs out).
        for (var lapse = 1; lapse <= options.MaxAttempts; lapse++)
        {
            var claimed = await outbox.ClaimAsync(ClaimCursor.Start, 1, 1, TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            Assert.Equal("poison", Assert.Single(claimed).ProfileKey);
            await Eventually.UntilAsync($"lapse {lapse} of the poison contact's claim to be recovered",
                token => outbox.ExpireLeasesAsync(token), freed => freed == 1, TimeSpan.FromMinutes(1));
        }

        var poison = await connection.QuerySingleAsync<(string State, int Attempts, string Code)>(
            "select state, attempts, outcome_code from campaign_sync.outbox where profile_key = 'poison'");
        Assert.Equal(("dead", options.MaxAttempts, OutboxStore.LeaseExpiredCode), poison);
        Assert.Equal("pending", await connection.ExecuteScalarAsync<string>("select state from campaign_sync.outbox where profile_key = 'healthy'"));
        var next = await outbox.ClaimAsync(ClaimCursor.Start, 1, 1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Equal("healthy", Assert.Single(next).ProfileKey);
    }
}
