using CampaignSync.DevHost.PrivateCluster;
using CampaignSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Issue 15: roles belong to the cluster, and a migrator without CREATEROLE (some managed services) cannot create the
/// writer, runtime and operator roles. <c>migrate</c> still applies the schema, but says so loudly, and so does
/// <c>status</c> until a DBA has created them. A server of its own, since the suite's server has the roles already.
/// </summary>
[Trait("Category", "Foundation")]
public sealed class MissingRolesWarningTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);
    private static readonly string[] Roles = ["campaign_sync_writer", "campaign_sync_runtime", "campaign_sync_operator"];

    [Fact]
    public async Task Migrate_and_status_warn_when_the_migrator_may_not_create_the_roles()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgresCluster.StartAsync(new DiagnosticMessageLogger(nameof(MissingRolesWarningTests)), cancellationToken);
        var password = Guid.NewGuid().ToString("N");
        SuiteLog.RegisterSecret(password);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var sql in (string[])[$"create role plain_migrator login password '{password}'", "create database owned owner plain_migrator"])
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var login = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "owned", Username = "plain_migrator", Password = password }.ConnectionString;
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Migrator"] = login, ["ConnectionStrings__Postgres"] = login };

        var migrated = await WorkerProcess.RunAsync(environment, Quick, "migrate");
        var status = await WorkerProcess.RunAsync(environment, Quick, "status");

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        foreach (var output in (string[])[migrated.StandardError, status.StandardError])
        {
            Assert.Contains("WARNING", output, StringComparison.Ordinal);
            Assert.All(Roles, role => Assert.Contains(role, output, StringComparison.Ordinal));
        }
    }
}
