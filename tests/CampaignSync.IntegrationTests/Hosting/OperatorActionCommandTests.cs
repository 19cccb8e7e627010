using CampaignSync.Cli;
using CampaignSync.Operations;
using CampaignSync.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>The retry and discard verbs against a real database: what they take, what they leave, what they record.</summary>
[Trait("Category", "Operations")]
public sealed class OperatorActionCommandTests(PostgresFixture server)
{
    [Fact]
    public async Task Retry_without_yes_prints_the_count_exits_3_and_changes_nothing()
    {
        await using var dataSource = await NewDatabaseAsync();
        await SeedAsync(dataSource, "a", "failed", "1001");
        await SeedAsync(dataSource, "b", "dead", "1001");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, OperatorAction.Retry, Filter(code: "1001"), yes: false, output);

        Assert.Equal(CliConsole.ExitNotConfirmed, exit);
        Assert.Contains("2 failed or dead rows match code=1001", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync(dataSource, "select count(*) from campaign_sync.outbox where state = 'pending'"));
        Assert.Equal(0, await ScalarAsync(dataSource, "select count(*) from campaign_sync.operator_action"));
    }

    [Fact]
    public async Task Retry_by_code_sends_matching_rows_back_to_pending_with_attempts_reset_and_records_who_did_it()
    {
        await using var dataSource = await NewDatabaseAsync();
        var failed = await SeedAsync(dataSource, "a", "failed", "1001");
        var dead = await SeedAsync(dataSource, "b", "dead", "1001");
        var other = await SeedAsync(dataSource, "c", "failed", "3005");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, OperatorAction.Retry, Filter(code: "1001"), yes: true, output);

        Assert.Equal(CliConsole.ExitOk, exit);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var rows = (await connection.QueryAsync<(long Id, string State, int Attempts, string? Code)>(
            "select id, state, attempts, outcome_code from campaign_sync.outbox order by id")).ToDictionary(r => r.Id);
        Assert.Equal(("pending", 0, (string?)null), (rows[failed].State, rows[failed].Attempts, rows[failed].Code));
        Assert.Equal(("pending", 0, (string?)null), (rows[dead].State, rows[dead].Attempts, rows[dead].Code));
        Assert.Equal(("failed", "3005"), (rows[other].State, rows[other].Code));
        var action = await connection.QuerySingleAsync<(string Action, string Actor, string Filter, int RowCount, long[] Ids)>(
            "select action, actor, filter, row_count, outbox_ids from campaign_sync.operator_action");
        Assert.Equal(("retry", "alice", "code=1001", 2), (action.Action, action.Actor, action.Filter, action.RowCount));
        Assert.Equal([failed, dead], action.Ids);
        // Each row's history: the final outcome it held, moved there as it was (its time too), then the operator's retry.
        var retriedBy = $"retried by operator action {await ScalarAsync(dataSource, "select id from campaign_sync.operator_action")}";
        var history = (await connection.QueryAsync<(long OutboxId, string State, string? Code, string? Description, int Attempt, bool AtCompletion)>(
            """
            select outbox_id, state, code, description, attempt, recorded_at < now() - interval '30 seconds'
            from campaign_sync.outcome order by id
            """)).ToList();
        Assert.Equal(
            [
                (failed, "failed", "1001", "what Campaign said", 5, true),
                (failed, "retry", "operator_retry", retriedBy, 0, false),
                (dead, "dead", "1001", "what Campaign said", 5, true),
                (dead, "retry", "operator_retry", retriedBy, 0, false),
            ],
            history);
    }

    [Fact]
    public async Task Retry_by_age_takes_only_rows_that_ended_longer_ago()
    {
        await using var dataSource = await NewDatabaseAsync();
        var old = await SeedAsync(dataSource, "a", "failed", "1001", endedAgo: "3 hours");
        var recent = await SeedAsync(dataSource, "b", "failed", "1001", endedAgo: "10 minutes");

        await RunAsync(dataSource, OperatorAction.Retry, Filter(olderThan: OperatorActionCommand.ParseAge("2h")), yes: true, new StringWriter());

        Assert.Equal("pending", await StateAsync(dataSource, old));
        Assert.Equal("failed", await StateAsync(dataSource, recent));
    }

    [Fact]
    public async Task Retry_by_ids_takes_only_those_rows()
    {
        await using var dataSource = await NewDatabaseAsync();
        var chosen = await SeedAsync(dataSource, "a", "dead", "expired");
        var left = await SeedAsync(dataSource, "b", "dead", "expired");

        await RunAsync(dataSource, OperatorAction.Retry, Filter(ids: OperatorActionCommand.ParseIds([$"{chosen},"])), yes: true, new StringWriter());

        Assert.Equal("pending", await StateAsync(dataSource, chosen));
        Assert.Equal("dead", await StateAsync(dataSource, left));
    }

    [Fact]
    public async Task Retry_by_code_and_description_takes_only_that_failure_group_and_records_the_description()
    {
        await using var dataSource = await NewDatabaseAsync();
        var email = await SeedAsync(dataSource, "a", "failed", "1001", description: "Invalid email address");
        var phone = await SeedAsync(dataSource, "b", "failed", "1001", description: "Invalid phone number");

        await RunAsync(dataSource, OperatorAction.Retry, new RowFilter("1001", null, [], "Invalid email address"), yes: true, new StringWriter());

        Assert.Equal("pending", await StateAsync(dataSource, email));
        Assert.Equal("failed", await StateAsync(dataSource, phone));
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal("code=1001 description=\"Invalid email address\"",
            await connection.ExecuteScalarAsync<string>("select filter from campaign_sync.operator_action"));
    }

    [Fact]
    public async Task Retry_leaves_a_failure_whose_contact_has_a_newer_change_that_was_sent()
    {
        await using var dataSource = await NewDatabaseAsync();
        var older = await SeedAsync(dataSource, "same", "failed", "1001");
        await SeedAsync(dataSource, "same", "succeeded", null);
        using var output = new StringWriter();

        await RunAsync(dataSource, OperatorAction.Retry, Filter(code: "1001"), yes: true, output);

        Assert.Equal("failed", await StateAsync(dataSource, older));
        Assert.Contains("1 matching rows are left alone", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Retried 0 rows", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discard_keeps_the_final_state_marks_the_code_records_the_action_and_retry_by_age_then_leaves_the_row()
    {
        await using var dataSource = await NewDatabaseAsync();
        var id = await SeedAsync(dataSource, "a", "dead", "1010", endedAgo: "2 days");

        var exit = await RunAsync(dataSource, OperatorAction.Discard, Filter(code: "1010"), yes: true, new StringWriter());
        await RunAsync(dataSource, OperatorAction.Retry, Filter(olderThan: TimeSpan.FromDays(1)), yes: true, new StringWriter());

        Assert.Equal(CliConsole.ExitOk, exit);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var row = await connection.QuerySingleAsync<(string State, string Code, string Description)>(
            "select state, outcome_code, outcome_description from campaign_sync.outbox where id = @id", new { id });
        Assert.Equal(("dead", "discarded"), (row.State, row.Code));
        Assert.Contains("(was 1010: ", row.Description, StringComparison.Ordinal);
        Assert.Equal(["discard", "retry"], (await connection.QueryAsync<string>("select action from campaign_sync.operator_action order by id")).ToArray());
        Assert.Equal(1, await ScalarAsync(dataSource, "select row_count from campaign_sync.operator_action where action = 'discard'"));
    }

    [Fact]
    public async Task An_action_without_any_filter_is_refused()
    {
        await using var dataSource = await NewDatabaseAsync();

        await Assert.ThrowsAsync<ConfigurationException>(() =>
            RunAsync(dataSource, OperatorAction.Retry, Filter(), yes: true, new StringWriter()));
    }

    [Theory]
    [InlineData("90m", 5400)]
    [InlineData("7d", 604800)]
    [InlineData("01:30:00", 5400)]
    public void ParseAge_reads_units_and_time_spans(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OperatorActionCommand.ParseAge(text));

    private static RowFilter Filter(string? code = null, TimeSpan? olderThan = null, IReadOnlyList<long>? ids = null) =>
        new(code, olderThan, ids ?? []);

    private static Task<int> RunAsync(NpgsqlDataSource dataSource, OperatorAction action, RowFilter filter, bool yes, TextWriter output) =>
        OperatorActionCommand.RunAsync(new OperatorActionStore(dataSource), action, filter, "alice", yes, output, TestContext.Current.CancellationToken);

    private async Task<NpgsqlDataSource> NewDatabaseAsync() =>
        NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));

    private static async Task<long> SeedAsync(NpgsqlDataSource dataSource, string key, string state, string? code, string endedAgo = "1 minute",
        string description = "what Campaign said")
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, state, attempts, outcome_code,
                                              outcome_description, completed_at)
            values ('contacts', @key, 'upsert', '{"a": "1"}', @state, 5, @code, @description, now() - @endedAgo::interval)
            returning id
            """, new { key, state, code, endedAgo, description });
    }

    private static async Task<string> StateAsync(NpgsqlDataSource dataSource, long id)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return (await connection.ExecuteScalarAsync<string>("select state from campaign_sync.outbox where id = @id", new { id }))!;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
