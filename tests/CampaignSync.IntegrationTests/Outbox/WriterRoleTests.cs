using CampaignSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace CampaignSync.IntegrationTests.Outbox;

/// <summary>The outbox writer role (migrations/0006_writer_role.sql) can INSERT and nothing else.</summary>
[Trait("Category", "Reliability")]
public sealed class WriterRoleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Writer_can_insert_and_call_the_functions()
    {
        await AsWriterAsync("""
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes) values ('contacts', 'w-1', 'upsert', '{"a": "b"}') returning id;
            select campaign_sync.enqueue_upsert('contacts', 'w-2', '{"a": "b"}');
            select campaign_sync.enqueue_delete('contacts', 'w-3');
            """);
    }

    [Theory]
    [InlineData("update campaign_sync.outbox set state = 'succeeded'")]
    [InlineData("delete from campaign_sync.outbox")]
    [InlineData("select profile_key, attributes from campaign_sync.outbox")]
    [InlineData("insert into campaign_sync.outbox (profile_name, profile_key, operation, state) values ('contacts', 'w-4', 'upsert', 'succeeded')")]
    [InlineData("select count(*) from campaign_sync.batch")]
    [InlineData("truncate campaign_sync.outbox")]
    public async Task Writer_cannot_change_read_or_forge_worker_columns(string sql)
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => AsWriterAsync(sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
    }

    private async Task AsWriterAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var become = new NpgsqlCommand("set local role campaign_sync_writer", connection, transaction))
        {
            await become.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }
}
