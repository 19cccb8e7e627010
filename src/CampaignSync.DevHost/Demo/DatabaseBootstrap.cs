using CampaignSync.Database;
using CampaignSync.DevHost.PrivateCluster;

namespace CampaignSync.DevHost.Demo;

/// <summary>
/// The demo's database: <c>ConnectionStrings:Postgres</c> when given; otherwise a private cluster from the machine's
/// PostgreSQL binaries that lives as long as the returned handle. <c>run</c> and <c>crm-sync</c> never start one: they
/// refuse to start without a connection string.
/// </summary>
internal static class DatabaseBootstrap
{
    public static async Task<(string ConnectionString, IAsyncDisposable? Cluster)> ResolveAsync(
        IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var configured = configuration[DatabaseOptions.ConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);
        return (cluster.ConnectionString, cluster);
    }
}
