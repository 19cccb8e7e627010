namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: the test class that declares <c>IClassFixture&lt;PostgresDatabase&gt;</c> gets one fresh database,
/// cloned from the migrated template before its first test. <see cref="PostgresFixture"/> drops it at the end of the run.
/// </summary>
public sealed class PostgresDatabase(PostgresFixture server) : IAsyncLifetime
{
    /// <summary>Connection string to this class's own database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync() =>
        ConnectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
