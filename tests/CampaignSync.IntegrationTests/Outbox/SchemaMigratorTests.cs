using CampaignSync.Database;
using CampaignSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampaignSync.IntegrationTests.Outbox;

[Trait("Category", "Foundation")]
public sealed class SchemaMigratorTests(PostgresFixture server)
{
    [Fact]
    public async Task Migrate_run_twice_and_by_two_processes_at_once_leaves_one_correct_schema()
    {
        var connectionString = await server.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken);
        var together = await Task.WhenAll(
            Task.Run(() => SchemaMigrator.Migrate(connectionString, NullLogger.Instance), TestContext.Current.CancellationToken),
            Task.Run(() => SchemaMigrator.Migrate(connectionString, NullLogger.Instance), TestContext.Current.CancellationToken));
        var again = SchemaMigrator.Migrate(connectionString, NullLogger.Instance);

        Assert.Equal(SchemaMigrator.ExpectedVersion, together.Sum(result => result.Applied.Count));
        Assert.Empty(again.Applied);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(SchemaMigrator.ExpectedVersion, await SchemaMigrator.AppliedVersionAsync(dataSource, TestContext.Current.CancellationToken));
    }
}
