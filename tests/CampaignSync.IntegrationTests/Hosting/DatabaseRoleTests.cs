using CampaignSync.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Issue 15's least privilege (migrations/0012_database_roles.sql, docs in README's Security): the runtime role the
/// worker runs as has DML only and cannot rewrite the operator audit; the operator role the CLI runs as cannot write
/// Hangfire's tables (which would be code execution in every worker pod). Asserted against the real server by taking
/// each group role in a transaction (<c>set local role</c>), as a login granted that role would be.
/// </summary>
[Trait("Category", "Foundation")]
public sealed class DatabaseRoleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Runtime = "campaign_sync_runtime";
    private const string Operator = "campaign_sync_operator";

    [Theory]
    [InlineData("create table campaign_sync.planted (id int)")]
    [InlineData("alter table campaign_sync.outbox add column planted text")]
    [InlineData("drop table campaign_sync.outcome")]
    [InlineData("truncate campaign_sync.outbox")]
    [InlineData("create index planted on campaign_sync.outbox (profile_key)")]
    [InlineData("create function campaign_sync.planted() returns int language sql as 'select 1'")]
    [InlineData("create table campaign_sync_hangfire.planted (id int)")]
    [InlineData("alter table campaign_sync_hangfire.job add column planted text")]
    [InlineData("create schema planted")]
    [InlineData("create table public.planted (id int)")]
    public async Task Runtime_role_cannot_run_ddl(string sql)
    {
        await AssertRefusedAsync(Runtime, sql);
    }

    [Theory]
    [InlineData(Runtime, "update campaign_sync.operator_action set actor = 'someone else'")]
    [InlineData(Runtime, "delete from campaign_sync.operator_action")]
    [InlineData(Runtime, "truncate campaign_sync.operator_action")]
    [InlineData(Runtime, "insert into campaign_sync.operator_action (action, actor, acted_at, filter, row_count, outbox_ids) values ('retry', 'x', now() - interval '400 days', '', 0, '{}')")]
    [InlineData(Runtime, "select campaign_sync.delete_old_operator_actions(interval '1 day', 1000)")]
    [InlineData(Runtime, "delete from campaign_sync.schema_versions")]
    [InlineData(Operator, "update campaign_sync.operator_action set actor = 'someone else'")]
    [InlineData(Operator, "delete from campaign_sync.operator_action")]
    [InlineData(Operator, "select campaign_sync.delete_old_operator_actions(interval '400 days', 1000)")]
    public async Task Operator_actions_are_append_only_for_the_runtime_and_the_operator(string role, string sql)
    {
        await SeedActionAsync();
        await AssertRefusedAsync(role, sql);
    }

    [Theory]
    [InlineData("insert into campaign_sync_hangfire.job (invocationdata, arguments, createdat) values ('{}', '[]', now())")]
    [InlineData("update campaign_sync_hangfire.job set statename = 'Enqueued'")]
    [InlineData("insert into campaign_sync_hangfire.jobqueue (jobid, queue) values (1, 'polls')")]
    [InlineData("delete from campaign_sync_hangfire.lock")]
    [InlineData("insert into campaign_sync_hangfire.hash (key, field, value) values ('recurring-job:planted', 'Job', '{}')")]
    public async Task Operator_role_cannot_write_hangfires_tables(string sql)
    {
        await AssertRefusedAsync(Operator, sql);
    }

    [Fact]
    public async Task Runtime_role_does_its_work_and_retention_deletes_only_old_actions()
    {
        var old = await SeedActionAsync(TimeSpan.FromDays(400));
        var recent = await SeedActionAsync(TimeSpan.FromDays(29));

        await AsAsync(Runtime, """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes) values ('contacts', 'r-1', 'upsert', '{"a": "b"}');
            update campaign_sync.outbox set source = 'runtime' where profile_key = 'r-1';
            delete from campaign_sync.outbox where profile_key = 'r-1';
            insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids) values ('retry', 'runtime', 'ids=1', 0, '{}');
            insert into campaign_sync_hangfire.counter (key, value) values ('runtime-test', 1);
            delete from campaign_sync_hangfire.counter where key = 'runtime-test';
            select campaign_sync.delete_old_operator_actions(interval '30 days', 1000);
            """);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        var left = (await connection.QueryAsync<long>("select id from campaign_sync.operator_action")).ToHashSet();
        Assert.DoesNotContain(old, left);
        Assert.Contains(recent, left);
    }

    [Fact]
    public async Task Operator_role_runs_its_verbs_statements()
    {
        await AsAsync(Operator, """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes) values ('contacts', 'o-1', 'upsert', '{"a": "b"}');
            update campaign_sync.outbox set state = 'pending', attempts = 0 where profile_key = 'o-1';
            insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids) values ('retry', 'operator', 'ids=1', 1, '{}');
            select count(*) from campaign_sync.batch;
            """);
    }

    [Fact]
    public async Task Every_table_of_the_schema_grants_dml_to_the_runtime_and_the_operator_role()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "select count(*) from pg_roles where rolname in ('campaign_sync_runtime', 'campaign_sync_operator')"));
        var missing = await connection.QueryAsync<string>("""
            select r.rolname || ' on ' || c.relname
            from pg_class c
            cross join pg_roles r
            where c.relnamespace = 'campaign_sync'::regnamespace and c.relkind in ('r', 'p')
              and c.relname not in ('operator_action', 'schema_versions')
              and r.rolname in ('campaign_sync_runtime', 'campaign_sync_operator')
              and not has_table_privilege(r.oid, c.oid, 'select, insert, update, delete')
            """);

        Assert.Empty(missing);
    }

    private async Task<long> SeedActionAsync(TimeSpan? age = null)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "insert into campaign_sync.operator_action (action, actor, acted_at, filter, row_count, outbox_ids) values ('retry', 'seed', now() - @age, 'code=1001', 0, '{}') returning id",
            new { age = age ?? TimeSpan.Zero });
    }

    private async Task AssertRefusedAsync(string role, string sql)
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => AsAsync(role, sql));

        Assert.True(ex.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{ex.SqlState}: {ex.MessageText}");
    }

    private async Task AsAsync(string role, string sql)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var become = new NpgsqlCommand($"set local role {role}", connection, transaction))
        {
            await become.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
