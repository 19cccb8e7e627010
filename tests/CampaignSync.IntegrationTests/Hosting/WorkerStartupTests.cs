using CampaignSync.Cli;
using CampaignSync.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Issue 2: a bad or missing setting stops the real worker process at once, with a message that names the key and
/// never the secret, before it touches the database (an empty database stays empty: no migration, no Hangfire schema). Issue 14: without a connection
/// string <c>run</c> and <c>crm-sync</c> refuse to start (no throwaway private cluster outside <c>demo</c>).
/// </summary>
[Trait("Category", "Foundation")]
public sealed class WorkerStartupTests(PostgresFixture server)
{
    private const string ApiKey = "startup-secret-5c1e9a";
    private static readonly string[] Schemas = ["campaign_sync", "campaign_sync_hangfire"];

    // A cap, not a measurement: a cold `dotnet` start takes about a second, many on a loaded 2-core machine. That the
    // worker stops before it touches the database is asserted on the database (no Hangfire schema), not on the clock.
    private static readonly TimeSpan FailFast = TimeSpan.FromMinutes(1);

    private static readonly string[] SeveralBadKeys = ["Campaign:BaseUrl", "Batching:MaxRecords", "Outbox:ClaimSize"];

    [Theory]
    [InlineData("Campaign__BaseUrl", "not a url", "Campaign:BaseUrl")]
    [InlineData("Batching__MaxRecords", "-5", "Batching:MaxRecords")]
    [InlineData("Campaign__ApiKey", null, "Campaign:ApiKey")]
    [InlineData("DataProtection__PrivateKey", "", "DataProtection:PrivateKey")]
    [InlineData("DataProtection__Certificate", "not a certificate", "DataProtection:Certificate")]
    // A TimeSpan range is reported by its property name, not its section path (so is Campaign:AttemptTimeout today).
    [InlineData("Campaign__MetadataRefreshInterval", "00:00:00", "MetadataRefreshInterval")]
    public async Task Run_with_a_bad_setting_exits_at_once_naming_the_key_and_not_the_secret(string variable, string? value, string key)
    {
        var environment = await ValidEnvironmentAsync();
        if (value is null)
        {
            environment.Remove(variable);
        }
        else
        {
            environment[variable] = value;
        }

        var result = await WorkerProcess.RunAsync(environment, FailFast, "run");

        Assert.True(result.ExitCode == CliConsole.ExitBadConfiguration, result.ToString());
        Assert.Contains(key, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.StandardError + result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
        Assert.False(await AnySchemaExistsAsync(environment), "The worker touched the database before rejecting its settings.");
    }

    [Fact]
    public async Task Run_with_a_request_deadline_a_call_could_outlive_exits_at_once_naming_the_key()
    {
        var environment = await ValidEnvironmentAsync();
        environment["Submission__RequestDeadline"] = "00:00:03";
        environment["Campaign__TotalTimeout"] = "00:00:10";
        environment["Campaign__AttemptTimeout"] = "00:00:05";

        var result = await WorkerProcess.RunAsync(environment, FailFast, "run");

        Assert.True(result.ExitCode == CliConsole.ExitBadConfiguration, result.ToString());
        Assert.Contains("Submission:RequestDeadline", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Campaign:TotalTimeout", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_several_bad_settings_lists_every_key()
    {
        var environment = await ValidEnvironmentAsync();
        environment["Campaign__BaseUrl"] = "ftp://example.com";
        environment["Batching__MaxRecords"] = "0";
        environment["Outbox__ClaimSize"] = "-1";

        var result = await WorkerProcess.RunAsync(environment, FailFast, "run");

        Assert.True(result.ExitCode == CliConsole.ExitBadConfiguration, result.ToString());
        Assert.All(
            SeveralBadKeys,
            key => Assert.Contains(key, result.StandardError, StringComparison.Ordinal));
        Assert.DoesNotContain(ApiKey, result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("crm-sync")]
    public async Task A_worker_verb_without_a_connection_string_refuses_to_start_naming_the_key(string verb)
    {
        var environment = await ValidEnvironmentAsync();
        environment.Remove("ConnectionStrings__Postgres");
        // Everything else a production start needs, so the missing connection string is the only reason to refuse.
        environment["Dashboard__Mode"] = "Basic";
        environment["Dashboard__OperatorUsername"] = "startup-test-operator";
        environment["Dashboard__OperatorPassword"] = "operator-password-for-this-test";

        var result = await WorkerProcess.RunAsync(environment, FailFast, verb);

        Assert.True(result.ExitCode == CliConsole.ExitBadConfiguration, result.ToString());
        Assert.Contains("ConnectionStrings:Postgres", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    // An empty database: a worker that got as far as migrating (Database:MigrateOnStart is on) would create the schemas.
    private async Task<Dictionary<string, string>> ValidEnvironmentAsync() => new()
    {
        ["ConnectionStrings__Postgres"] = await server.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken),
        // Never contacted: start-up must stop before any call.
        ["Campaign__BaseUrl"] = "http://127.0.0.1:9/",
        ["Campaign__ApiKey"] = ApiKey,
        ["Urls"] = "http://127.0.0.1:0",
    };

    private static async Task<bool> AnySchemaExistsAsync(Dictionary<string, string> environment)
    {
        await using var connection = new NpgsqlConnection(environment["ConnectionStrings__Postgres"]);
        return await connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(
                "select exists (select 1 from pg_namespace where nspname = any(@schemas))",
                new { schemas = Schemas },
                cancellationToken: TestContext.Current.CancellationToken));
    }
}
