using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Submission;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Outbox;

/// <summary>
/// The claim and the late-row lookup keep their plans while the outbox drains. Statistics are taken when rows are
/// loaded, all pending; as rows finish the planner does not know, and a plan that was cheap then grows with every
/// finished row (a 100,000-row benchmark timed the late-row lookup out after 30 s). EXPLAIN on real Postgres, with
/// statistics from before the drain.
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class QueryPlanTests(PostgresFixture server)
{
    private const int Rows = 40_000;
    private const int Contacts = 5_000;

    [Fact]
    public async Task Claim_and_late_row_lookup_read_the_contact_index_when_statistics_predate_the_drain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(ct));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(
            $$"""
            alter table campaign_sync.outbox set (autovacuum_enabled = false);
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'k' || i, 'upsert', '{"city":"c"}' from generate_series(1, {{Rows}}) i;
            analyze campaign_sync.outbox;
            update campaign_sync.outbox set state = 'succeeded', completed_at = now() where id <= {{Rows / 2}};
            """);
        var keys = Enumerable.Range(Rows / 2 + 1, Contacts).Select(i => $"k{i}").ToArray();

        var lookup = await ExplainAsync(connection, OutboxSql.LoadAppliedAfter, new
        {
            names = keys.Select(_ => "contacts").ToArray(),
            keys,
            after = Enumerable.Range(Rows / 2 + 1, Contacts).Select(i => (long)i).ToArray(),
        });
        var claim = await ExplainAsync(connection, OutboxSql.Claim,
            new { after_id = 0L, live_after_id = 0L, max_contacts = Contacts, max_oldest_contacts = Contacts, lease = TimeSpan.FromMinutes(5), max_rows_per_contact = 100, max_attribute_bytes = 65_536 });

        Assert.Contains("outbox_by_contact", lookup, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on outbox", lookup, StringComparison.Ordinal);
        Assert.DoesNotContain("outbox_done_by_completed_at", lookup, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on outbox", claim, StringComparison.Ordinal);
    }

    /// <summary>
    /// contact_hold has no index on batch_id (migration 0018: the hand-over to a request is a heap-only update), so the
    /// success path reads a claim's or a batch's holds by their fence. Statistics taken before the claim know neither
    /// its fence nor its batch: the hand-over written as a join against the keys ran as a nested loop over every hold
    /// of the claim, 1,000 x 1,000 rows per hand-over (200 ms a statement on a 100,000-row drain), and reached by their
    /// key alone the holds were read by a scan of the whole table.
    /// </summary>
    [Fact]
    public async Task Hold_statements_read_the_fence_index_when_statistics_predate_the_claim()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(ct));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(
            $$"""
            alter table campaign_sync.contact_hold set (autovacuum_enabled = false);
            insert into campaign_sync.batch (profile_name, operation, upsert_mode, update_link, record_count, lease_owner, fence, deadline_at)
            select 'contacts', 'upsert', 1, 2, 1000, 'test', f, now() + interval '1 hour' from generate_series(1, 40) f;
            insert into campaign_sync.contact_hold (profile_name, profile_key, fence, lease_until, batch_id)
            select 'contacts', 'old' || i, i % 40 + 1, now() + interval '5 minutes', i % 40 + 1
            from generate_series(1, {{Rows}}) i;
            analyze campaign_sync.contact_hold;
            analyze campaign_sync.batch;
            insert into campaign_sync.contact_hold (profile_name, profile_key, fence, lease_until)
            select 'contacts', 'k' || i, 41, now() + interval '5 minutes' from generate_series(1, {{Contacts}}) i;
            """);
        var batchKeys = Enumerable.Range(1, 1_000).Select(i => $"k{i}").ToArray();

        var plans = new Dictionary<string, string>
        {
            ["HoldForBatch"] = await ExplainAsync(connection, BatchSql.HoldForBatch,
                new { batch_id = 41L, profile_name = "contacts", keys = batchKeys, fence = 41L }),
            ["MoveHolds"] = await ExplainAsync(connection, BatchSql.MoveHolds,
                new { batch_id = 42L, parent_batch_id = 41L, profile_name = "contacts", keys = batchKeys }),
            ["ReleaseHolds"] = await ExplainAsync(connection, OutcomeSql.ReleaseHolds,
                new { batch_id = 41L, unanswered_idx = new[] { 0 } }),
            ["ReleaseUnbatchedHolds"] = await ExplainAsync(connection, OutboxSql.ReleaseUnbatchedHolds, new { fence = 41L }),
        };

        foreach (var (statement, plan) in plans)
        {
            Assert.True(plan.Contains("contact_hold_by_fence", StringComparison.Ordinal) && !plan.Contains("Seq Scan on contact_hold", StringComparison.Ordinal),
                $"{statement} does not read the holds by their fence:{Environment.NewLine}{plan}");
        }
    }

    private static async Task<string> ExplainAsync(NpgsqlConnection connection, string sql, object parameters) =>
        string.Join(Environment.NewLine, await connection.QueryAsync<string>("explain " + sql, parameters));
}
