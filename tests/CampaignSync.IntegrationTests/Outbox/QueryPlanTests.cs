using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
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

    private static async Task<string> ExplainAsync(NpgsqlConnection connection, string sql, object parameters) =>
        string.Join(Environment.NewLine, await connection.QueryAsync<string>("explain " + sql, parameters));
}
