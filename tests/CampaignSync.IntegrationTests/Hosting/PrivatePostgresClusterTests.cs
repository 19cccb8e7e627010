using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

[Trait("Category", "Foundation")]
public sealed class PrivatePostgresClusterTests
{
    // One fixed root per test, so a run killed mid-test leaves a cluster that the next run of the same test sweeps.
    // Roots are never deleted wholesale: another test run on this machine may have a live cluster in them.
    private readonly string dataRoot = Path.Combine(
        Path.GetTempPath(), "campaignsync-cluster-tests", TestContext.Current.TestMethod?.MethodName ?? "unknown");
    private readonly DiagnosticMessageLogger logger = new(nameof(PrivatePostgresClusterTests));

    [Fact]
    public async Task StartAsync_gives_a_server_that_answers_select_1()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgresCluster.StartAsync(dataRoot, logger, cancellationToken);

        var answer = await SelectOneAsync(cluster.ConnectionString, cancellationToken);

        Assert.Equal(1, answer);
    }

    [Fact]
    public async Task DisposeAsync_stops_the_server_and_removes_its_folder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cluster = await PrivatePostgresCluster.StartAsync(dataRoot, logger, cancellationToken);

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(cluster.DirectoryPath));
        Assert.False(File.Exists(cluster.DirectoryPath + ".lock"));
        var refused = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(refused, cancellationToken));
    }

    [Fact]
    public async Task StartAsync_removes_a_cluster_folder_whose_owner_is_gone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var stale = Path.Combine(dataRoot, $"cluster-999999-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(Path.Combine(stale, "data"));
        await File.WriteAllTextAsync(stale + ".lock", string.Empty, cancellationToken);

        await using var cluster = await PrivatePostgresCluster.StartAsync(dataRoot, logger, cancellationToken);

        Assert.False(Directory.Exists(stale));
        Assert.False(File.Exists(stale + ".lock"));
    }

    [Fact]
    public async Task StartAsync_leaves_a_running_cluster_of_a_live_owner_alone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var first = await PrivatePostgresCluster.StartAsync(dataRoot, logger, cancellationToken);

        await using var second = await PrivatePostgresCluster.StartAsync(dataRoot, logger, cancellationToken);

        Assert.True(Directory.Exists(first.DirectoryPath));
        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal(1, await SelectOneAsync(first.ConnectionString, cancellationToken));
        Assert.Equal(1, await SelectOneAsync(second.ConnectionString, cancellationToken));
    }

    private static async Task<int> SelectOneAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select 1", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
