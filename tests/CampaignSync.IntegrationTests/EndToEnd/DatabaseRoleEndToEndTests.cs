using CampaignSync.Database;
using CampaignSync.IntegrationTests.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Retention;
using CampaignSync.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 15's three credentials, each a login of its own as a DBA would create them (README, Security): <c>migrate</c>
/// under the migrator (owner of the database, no superuser, no CREATEROLE) installs our schema and Hangfire's; the
/// worker then runs end to end, retention included, under a login of the runtime role; the operator verbs run under a
/// login of the operator role.
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class DatabaseRoleEndToEndTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Migrate_as_the_migrator_then_the_worker_runs_as_the_runtime_role_and_the_cli_as_the_operator_role()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var database = await server.CreateEmptyDatabaseAsync(cancellationToken);
        var migrator = await CreateLoginAsync($"migrator_{suffix}", null, cancellationToken);
        var runtime = await CreateLoginAsync($"runtime_{suffix}", "campaign_sync_runtime", cancellationToken);
        var operatorLogin = await CreateLoginAsync($"operator_{suffix}", "campaign_sync_operator", cancellationToken);
        var databaseName = new NpgsqlConnectionStringBuilder(database).Database!;
        await ExecuteAsync(server.ServerConnectionString, $"alter database {databaseName} owner to {migrator.Username}", cancellationToken);

        var migrated = await WorkerProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Migrator"] = Login(database, migrator),
                ["ConnectionStrings__Postgres"] = Login(database, runtime),
            },
            Quick,
            "migrate");

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.DoesNotContain("WARNING", migrated.StandardOutput + migrated.StandardError, StringComparison.OrdinalIgnoreCase);

        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(Login(database, migrator), options, workers: 0);
        var good = await harness.UpsertAsync("c-1", new { email = "one@example.com" });
        var bounced = await harness.UpsertAsync("bounce-2", new { email = "two@example.com" });
        var deleted = await harness.DeleteAsync("never-existed");
        var worker = await harness.StartWorkerAsync(new Dictionary<string, string?> { [DatabaseOptions.ConnectionStringKey] = Login(database, runtime) });
        await harness.WaitUntilAllFinalAsync(Patience);
        await worker.Services.GetRequiredService<RetentionJob>().RunAsync(cancellationToken);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal("succeeded", rows[good].State);
        Assert.Equal(("failed", "1001"), (rows[bounced].State, rows[bounced].OutcomeCode));
        Assert.Equal("succeeded", rows[deleted].State);
        await harness.AssertOneFinalOutcomePerRowAsync();

        var asOperator = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = Login(database, operatorLogin) };
        var retried = await WorkerProcess.RunAsync(asOperator, Quick, "retry", "--code", "1001", "--by", "alice", "--yes");
        Assert.True(retried.ExitCode == 0, retried.ToString());
        var status = await WorkerProcess.RunAsync(asOperator, Quick, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.DoesNotContain("WARNING", status.StandardOutput + status.StandardError, StringComparison.OrdinalIgnoreCase);
        await harness.WaitUntilAllFinalAsync(Patience);
    }

    private async Task<NpgsqlConnectionStringBuilder> CreateLoginAsync(string name, string? groupRole, CancellationToken cancellationToken)
    {
        var password = Guid.NewGuid().ToString("N");
        SuiteLog.RegisterSecret(password);
        var membership = groupRole is null ? string.Empty : $" in role {groupRole}";
        await ExecuteAsync(server.ServerConnectionString, $"create role {name} login password '{password}'{membership}", cancellationToken);
        return new NpgsqlConnectionStringBuilder { Username = name, Password = password };
    }

    private static string Login(string database, NpgsqlConnectionStringBuilder login) =>
        new NpgsqlConnectionStringBuilder(database) { Username = login.Username, Password = login.Password }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
