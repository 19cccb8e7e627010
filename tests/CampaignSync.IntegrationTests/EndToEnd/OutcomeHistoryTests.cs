using System.Diagnostics.Metrics;
using CampaignSync.Dashboard;
using CampaignSync.Diagnostics;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Operations;
using CampaignSync.Outbox;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// A row's final outcome lives on the row only; the history (<c>campaign_sync.outcome</c>) keeps what came before it:
/// retries, a final outcome an operator retry took back, the operator's retry. The success path appends nothing, and
/// the dashboard still tells each row's whole story, the final outcome last.
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class OutcomeHistoryTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly CampaignSyncMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task A_drain_that_succeeds_writes_no_history_line_and_each_row_holds_its_final_outcome()
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 0);
        await harness.InsertUpsertsAsync(300);

        await harness.StartWorkerAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.outcome"));
        Assert.Equal(300, await connection.ExecuteScalarAsync<long>(
            "select count(*) from campaign_sync.outbox where state = 'succeeded' and completed_at is not null and batch_id is not null and attempts = 1"));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Fact]
    public async Task A_retried_row_and_an_operator_retried_row_tell_their_whole_story_on_the_dashboard()
    {
        var options = new SimulatorOptions
        {
            KeyFailureRules = [new KeyFailureRule("^retry-", "500", "Internal error"), new KeyFailureRule("^bounce-", "1001", "Invalid email address")],
        };
        // Enough attempts that the retried row cannot die before the test lifts the fault.
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options,
            settings: new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "100" });
        var retried = await harness.UpsertAsync("retry-1", new { email = "retry@example.com" });
        var bounced = await harness.UpsertAsync("bounce-1", new { email = "bounce@example.com" });
        await Eventually.UntilAsync("retry-1 to have a retry line and bounce-1 to have failed", async token =>
        {
            await using var connection = await harness.DataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                """
                select exists (select 1 from campaign_sync.outcome where outbox_id = @retried and state = 'retry')
                   and exists (select 1 from campaign_sync.outbox where id = @bounced and state = 'failed')
                """, new { retried, bounced }, cancellationToken: token));
        }, done => done, Patience, _ => harness.DescribeStatesAsync());
        var failure = (await harness.RowsAsync()).Single(r => r.Id == bounced);

        harness.Simulator.Options.KeyFailureRules = [];
        var action = await new OperatorActionStore(harness.DataSource).ApplyAsync(OperatorAction.Retry,
            new RowFilter("1001", null, []), "history-test", TestContext.Current.CancellationToken);
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("succeeded", "succeeded"), (rows[retried].State, rows[bounced].State));
        var store = new DashboardStore(harness.DataSource);

        // The retried row: one retry line per failed attempt, each in its request, then the success the row holds.
        var (_, retriedEvents) = await store.ContactAsync("contacts", "retry-1", TestContext.Current.CancellationToken);
        Assert.Equal(rows[retried].Attempts, retriedEvents.Count);
        Assert.All(retriedEvents.SkipLast(1), e => Assert.Equal(("retry", "500", true), (e.State, e.Code, e.BatchId is not null)));
        Assert.Equal(("succeeded", rows[retried].BatchId, rows[retried].Attempts), (retriedEvents[^1].State, retriedEvents[^1].BatchId, retriedEvents[^1].Attempt));
        var firstRequest = await store.RequestRecordsAsync(retriedEvents[0].BatchId!.Value, 0, TestContext.Current.CancellationToken);
        Assert.Contains(firstRequest, r => (r.OutboxId, r.State, r.Code) == (retried, "retry", "500"));
        var lastRequest = await store.RequestRecordsAsync(rows[retried].BatchId!.Value, 0, TestContext.Current.CancellationToken);
        var record = Assert.Single(lastRequest, r => r.OutboxId == retried);
        Assert.Equal(("succeeded", rows[retried].Attempts, retriedEvents[^1].RecordedAt), (record.State, record.Attempt, record.RecordedAt));

        // The operator-retried row: its failure (in its request), the operator's retry, then the success.
        var (_, bouncedEvents) = await store.ContactAsync("contacts", "bounce-1", TestContext.Current.CancellationToken);
        Assert.Equal(
            [
                ("failed", "1001", failure.BatchId, failure.Attempts),
                ("retry", "operator_retry", null, 0),
                ("succeeded", null, rows[bounced].BatchId, rows[bounced].Attempts),
            ],
            bouncedEvents.Select(e => (e.State, e.Code, e.BatchId, e.Attempt)).ToList());
        Assert.Equal($"retried by operator action {action.ActionId}", bouncedEvents[1].Description);
        var failedRequest = await store.RequestRecordsAsync(failure.BatchId!.Value, 0, TestContext.Current.CancellationToken);
        Assert.Contains(failedRequest, r => (r.OutboxId, r.State, r.Code, r.Description) == (bounced, "failed", "1001", "Invalid email address"));

        // What the history table holds: no line of a final state the row still has.
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var history = (await connection.QueryAsync<(long OutboxId, string State, string? Code)>(
            "select outbox_id, state, code from campaign_sync.outcome order by id")).ToList();
        Assert.DoesNotContain(history, h => h.State == "succeeded");
        Assert.Equal([("failed", "1001"), ("retry", "operator_retry")], history.Where(h => h.OutboxId == bounced).Select(h => (h.State, h.Code)).ToList());
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Fact]
    public async Task A_lapsed_claim_writes_a_retry_line_for_a_row_it_sends_back_and_none_for_a_row_it_ends_dead()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync());
        var options = new OutboxOptions();
        var outbox = new OutboxStore(dataSource, Metrics, Options.Create(options));
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // Two contacts claimed by a replica that stopped before sending: one row has an attempt left, one has none.
        var ids = (await connection.QueryAsync<long>(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, attempts, created_at)
            values ('contacts', 'lapse-1', 'upsert', '{"city": "A"}', 0, now() - interval '1 minute'),
                   ('contacts', 'lapse-2', 'upsert', '{"city": "B"}', @last, now() - interval '1 minute')
            returning id
            """, new { last = options.MaxAttempts - 1 })).Order().ToList();
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.contact_hold (profile_name, profile_key, fence, lease_until)
            values ('contacts', 'lapse-1', 1, now() - interval '1 second'), ('contacts', 'lapse-2', 1, now() - interval '1 second')
            """);

        Assert.Equal(2, await outbox.ExpireLeasesAsync(TestContext.Current.CancellationToken));

        var rows = (await connection.QueryAsync<(long Id, string State, int Attempts, string? Code, bool Completed)>(
            "select id, state, attempts, outcome_code, completed_at is not null from campaign_sync.outbox order by id")).ToList();
        Assert.Equal([(ids[0], "pending", 1, null, false), (ids[1], "dead", options.MaxAttempts, OutboxStore.LeaseExpiredCode, true)], rows);
        var history = (await connection.QueryAsync<(long OutboxId, string State, int Attempt)>(
            "select outbox_id, state, attempt from campaign_sync.outcome")).ToList();
        Assert.Equal([(ids[0], "retry", 1)], history);
    }

    [Fact]
    public async Task Upgrading_drops_the_old_lines_that_repeat_a_rows_final_outcome_and_keeps_the_rest_of_its_story()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync());
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // Stories as the worker wrote them before migration 0019: every final outcome also as a history line.
        var (succeeded, retried, pending) = await connection.QuerySingleAsync<(long, long, long)>(
            """
            with rows as (
                insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, state, attempts, completed_at)
                values ('contacts', 'old-1', 'upsert', '{}', 'succeeded', 2, now()),
                       ('contacts', 'old-2', 'upsert', '{}', 'succeeded', 1, now()),
                       ('contacts', 'old-3', 'upsert', '{}', 'pending', 0, null)
                returning id, profile_key
            )
            select (select id from rows where profile_key = 'old-1'), (select id from rows where profile_key = 'old-2'),
                   (select id from rows where profile_key = 'old-3')
            """);
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.outcome (outbox_id, attempt, state, code)
            values (@succeeded, 1, 'retry', '500'), (@succeeded, 2, 'succeeded', null),
                   (@retried, 1, 'failed', '1001'), (@retried, 0, 'retry', 'operator_retry'), (@retried, 1, 'succeeded', null),
                   (@pending, 1, 'failed', '1001'), (@pending, 0, 'retry', 'operator_retry')
            """, new { succeeded, retried, pending });

        await connection.ExecuteAsync(await File.ReadAllTextAsync(
            Path.Combine(RepositoryFiles.Root, "migrations", "0019_outcome_history_before_final.sql"), TestContext.Current.CancellationToken));

        var history = (await connection.QueryAsync<(long OutboxId, string State, string? Code)>(
            "select outbox_id, state, code from campaign_sync.outcome order by id")).ToList();
        Assert.Equal(
            [
                (succeeded, "retry", "500"),
                (retried, "failed", "1001"), (retried, "retry", "operator_retry"),
                (pending, "failed", "1001"), (pending, "retry", "operator_retry"),
            ],
            history);
    }

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
}
