using CampaignSync.Database;
using Npgsql;

namespace CampaignSync.IntegrationTests.Infrastructure;

[Trait("Category", "Foundation")]
public sealed class PostgresFixtureTests(PostgresFixture fixture)
{
    [Fact]
    public async Task CreateDatabaseAsync_returns_a_database_with_the_whole_schema_applied()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync(cancellationToken));

        var applied = await SchemaMigrator.AppliedVersionAsync(dataSource, cancellationToken);

        Assert.Equal(SchemaMigrator.ExpectedVersion, applied);
    }

    [Fact]
    public async Task CreateDatabaseAsync_twice_gives_databases_that_do_not_see_each_others_writes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var first = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync(cancellationToken));
        await using var second = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync(cancellationToken));

        await using (var create = first.CreateCommand("create table campaign_sync.isolation_probe (id int); insert into campaign_sync.isolation_probe values (1)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        Assert.Equal(1L, await ScalarAsync(first, "select count(*) from campaign_sync.isolation_probe", cancellationToken));
        Assert.Null(await ScalarAsync(second, "select to_regclass('campaign_sync.isolation_probe')::text", cancellationToken));
        Assert.NotEqual(
            await ScalarAsync(first, "select current_database()", cancellationToken),
            await ScalarAsync(second, "select current_database()", cancellationToken));
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }
}
