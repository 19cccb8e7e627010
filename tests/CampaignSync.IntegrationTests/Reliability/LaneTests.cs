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
/// Backfills never starve live changes (issue 18): live rows written while a large bulk backlog drains against a
/// rate-limited Campaign are claimed and sent first, bulk requests keep to their share of the open requests, and a
/// contact's live and bulk rows still fold together in id order.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class LaneTests(PostgresFixture server)
{
    private const int BulkRows = 200_000;
    private const int LiveRows = 100;
    private const int MaxOpenBatches = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly CampaignSyncMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task Live_rows_written_during_a_bulk_drain_are_sent_before_it_ends_while_bulk_requests_keep_their_share()
    {
        var simulator = new SimulatorOptions { RequestsPerSecond = 20 };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            simulator, workers: 0);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, lane)
            select 'contacts', 'bulk-' || i, 'upsert', jsonb_build_object('city', 'b' || i), 'bulk' from generate_series(1, {BulkRows}) i
            """, commandTimeout: 300, cancellationToken: TestContext.Current.CancellationToken));
        var share = 0.7;
        await harness.StartWorkerAsync(new Dictionary<string, string?>
        {
            ["Campaign:RequestsPerSecond"] = "20",
            ["Batching:MaxRecords"] = "1000",
            ["Submission:MaxOpenBatches"] = MaxOpenBatches.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Submission:BulkShare"] = share.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await harness.WaitUntilAsync("the bulk drain under way",
            "select exists (select 1 from campaign_sync.outbox where lane = 'bulk' and state = 'succeeded')", Patience);

        await connection.ExecuteAsync(
            $"""
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'live-' || i, 'upsert', jsonb_build_object('city', 'l' || i) from generate_series(1, {LiveRows}) i
            """);
        await harness.WaitUntilAsync($"all {LiveRows} live rows final",
            $"select count(*) = {LiveRows} from campaign_sync.outbox where lane = 'live' and state = 'succeeded'", Patience);

        var bulkLeft = await connection.ExecuteScalarAsync<long>(
            "select count(*) from campaign_sync.outbox where lane = 'bulk' and state in ('pending', 'in_flight')");
        var slowest = await connection.ExecuteScalarAsync<double>(
            "select extract(epoch from max(completed_at - created_at)) from campaign_sync.outbox where lane = 'live'");
        TestContext.Current.TestOutputHelper?.WriteLine($"live rows: slowest {slowest:F1} s from created_at to final; bulk rows left then: {bulkLeft:N0}");
        Assert.True(bulkLeft > 0, $"The live rows finished only after the whole backlog. {await harness.DescribeStatesAsync()}");

        // The backfill's progress is on the dashboard: rows left in the bulk lane and a time to finish them.
        using var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"viewer:{PipelineHarness.ViewerPassword}")));
        var overview = await http.GetStringAsync("/hangfire/campaign-sync", TestContext.Current.CancellationToken);
        Assert.Matches("id=\"lane-bulk-left\">[1-9][0-9,]*<", overview);
        Assert.Matches("id=\"lane-bulk-eta\">[0-9.]+ (s|min|h|d)<", overview);

        // At no moment did more bulk requests stand open than their share of Submission:MaxOpenBatches.
        var limit = (int)Math.Floor(MaxOpenBatches * share);
        var mostOpenBulk = await connection.ExecuteScalarAsync<long>(
            """
            select coalesce(max(open), 0) from (
                select (select count(*) from campaign_sync.batch o
                        where o.lane = 'bulk' and o.created_at <= b.created_at
                          and (o.completed_at is null or o.completed_at > b.created_at)) as open
                from campaign_sync.batch b where b.lane = 'bulk') s
            """);
        Assert.True(mostOpenBulk <= limit, $"{mostOpenBulk} bulk requests stood open at once; their share is {limit} of {MaxOpenBatches}.");
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.batch where lane = 'live'") > 0,
            "No request carried the live rows in the live lane.");
    }

    [Fact]
    public async Task A_live_row_folds_with_an_older_bulk_row_of_its_contact_in_id_order()
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions(), workers: 0);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var bulk = await connection.ExecuteScalarAsync<long>(
            "select campaign_sync.enqueue_upsert('contacts', 'mixed-1', '{\"city\": \"old\", \"email\": \"m@mail.example\"}', p_lane => 'bulk')");
        var live = await harness.UpsertAsync("mixed-1", new { city = "new" });

        await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        await harness.AssertOneFinalOutcomePerRowAsync();
        var profile = (await harness.SimulatorProfilesAsync())["mixed-1"];
        Assert.Equal(new Dictionary<string, string> { ["city"] = "new", ["email"] = "m@mail.example" }, profile);
        var states = (await connection.QueryAsync<(long Id, string State, string Lane)>(
            "select o.id, o.state, b.lane from campaign_sync.outbox o join campaign_sync.batch b on b.id = o.batch_id order by o.id")).ToList();
        Assert.Equal([(bulk, "succeeded", "live"), (live, "succeeded", "live")], states);
    }

    [Fact]
    public async Task While_bulk_requests_hold_their_share_a_claim_takes_only_contacts_with_a_live_row_and_their_older_bulk_rows()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        var outbox = new OutboxStore(dataSource, Metrics, Options.Create(new OutboxOptions()));
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            select campaign_sync.enqueue_upsert('contacts', 'bulk-only-1', '{"city": "a"}', p_lane => 'bulk');
            select campaign_sync.enqueue_upsert('contacts', 'both', '{"city": "b"}', p_lane => 'bulk');
            select campaign_sync.enqueue_upsert('contacts', 'bulk-only-2', '{"city": "c"}', p_lane => 'bulk');
            select campaign_sync.enqueue_upsert('contacts', 'both', '{"email": "b@mail.example"}');
            """);

        var liveOnly = await outbox.ClaimAsync(ClaimCursor.Start, 10, 0, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var rest = await outbox.ClaimAsync(ClaimCursor.Start, 10, 10, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal([("both", OutboxLane.Bulk), ("both", OutboxLane.Live)], liveOnly.Select(c => (c.ProfileKey, c.Lane)));
        Assert.Equal(["bulk-only-1", "bulk-only-2"], rest.Select(c => c.ProfileKey));
    }
}
