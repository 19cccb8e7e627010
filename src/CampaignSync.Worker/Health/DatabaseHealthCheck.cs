using CampaignSync.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CampaignSync.Health;

/// <summary>
/// Readiness: Postgres answers and its schema is at least the version this build expects. A newer schema is ready
/// too: migrations are forward-only and additive, and during a Helm upgrade the pre-upgrade hook migrates while the
/// old pods still run.
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int applied;
        try
        {
            applied = await SchemaMigrator.AppliedVersionAsync(dataSource, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Npgsql's messages name host and port, never the password.
            return new HealthCheckResult(context.Registration.FailureStatus, "Postgres is not reachable", ex);
        }

        var expected = SchemaMigrator.ExpectedVersion;
        var data = new Dictionary<string, object> { ["appliedVersion"] = applied, ["expectedVersion"] = expected };
        return applied >= expected
            ? HealthCheckResult.Healthy($"schema version {applied} (expected {expected})", data)
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"schema version {applied} is behind the expected {expected}: run `migrate`", data: data);
    }
}
