using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CampaignSync.Cli;
using CampaignSync.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Issue 4's interface, through the real executable: <c>status --json</c>, <c>migrate</c> on a current schema and
/// <c>demo --rows N</c> all use the database named by <c>ConnectionStrings__Postgres</c>.
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class WorkerCommandTests(PostgresFixture server)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DemoPatience = TimeSpan.FromMinutes(5);
    private static readonly string[] FinalStates = ["succeeded", "failed", "dead", "superseded"];

    [Fact]
    public async Task Status_json_prints_one_object_with_every_state_count_and_the_oldest_pending_age()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(connectionString, """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, state, created_at)
            select 'contacts', 'k-' || n, 'upsert', state, now() - make_interval(secs => age)
            from (values (1, 'pending', 120), (2, 'pending', 5), (3, 'in_flight', 0), (4, 'succeeded', 0), (5, 'succeeded', 0),
                         (6, 'succeeded', 0), (7, 'failed', 0), (8, 'dead', 0), (9, 'superseded', 0), (10, 'superseded', 0))
                 as r(n, state, age);
            insert into campaign_sync.batch (profile_name, operation, upsert_mode, update_link, record_count, state, lease_owner, fence, deadline_at)
            values ('contacts', 'upsert', 1, 2, 3, 'completed', 'test', 1, now()), ('contacts', 'upsert', 1, 2, 1, 'polling', 'test', 2, now());
            """);

        var result = await WorkerProcess.RunAsync(Environment(connectionString), Quick, "status", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["pending"] = 2, ["in_flight"] = 1, ["succeeded"] = 3, ["failed"] = 1, ["dead"] = 1, ["superseded"] = 2,
            },
            Counts(root.GetProperty("outbox")));
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["submitting"] = 0, ["submitted"] = 0, ["polling"] = 1, ["completed"] = 1, ["failed"] = 0, ["expired"] = 0,
            },
            Counts(root.GetProperty("batches")));
        var age = root.GetProperty("oldest_pending_age_seconds").GetDouble();
        Assert.InRange(age, 120, 120 + Quick.TotalSeconds);
        // Both lanes, live first: the three unfinished rows are live (the default); nothing finished, so no estimate.
        var lanes = root.GetProperty("lanes").EnumerateArray()
            .Select(l => (l.GetProperty("lane").GetString(), l.GetProperty("rows_left").GetInt64(), l.GetProperty("eta_seconds").ValueKind)).ToList();
        Assert.Equal([("live", 3L, JsonValueKind.Null), ("bulk", 0L, JsonValueKind.Number)], lanes);
    }

    [Fact]
    public async Task Migrate_on_a_migrated_database_exits_0_and_says_the_schema_is_current()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        var result = await WorkerProcess.RunAsync(Environment(connectionString), Quick, "migrate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Schema is current", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_against_a_server_that_does_not_answer_exits_1_with_one_line_naming_the_key()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        const string password = "not-to-be-printed-7Qx";

        var result = await WorkerProcess.RunAsync(
            Environment($"Host=127.0.0.1;Port={port};Database=nothing;Username=nobody;Password={password};Timeout=3"), Quick, "migrate");

        Assert.True(result.ExitCode == CliConsole.ExitFailed, result.ToString());
        Assert.Contains($"Cannot connect to PostgreSQL: Failed to connect to 127.0.0.1:{port}", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Postgres", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(password, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_refuses_a_hangfire_schema_that_is_not_an_identifier_naming_the_key()
    {
        var environment = Environment(await server.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken));
        environment["Polling__HangfireSchema"] = "x; drop schema public";

        var result = await WorkerProcess.RunAsync(environment, Quick, "migrate");

        Assert.True(result.ExitCode == CliConsole.ExitBadConfiguration, result.ToString());
        Assert.Contains("Polling:HangfireSchema", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_a_connection_string_writes_into_that_database_and_exits_0_when_every_row_is_final()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        var result = await WorkerProcess.RunDevHostAsync(Environment(connectionString), DemoPatience, "demo", "--rows", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Every row has a final outcome.", result.StandardOutput, StringComparison.Ordinal);
        // check and plan, before the run (issue 16): the profile the simulator lacks, and the requests the first round sends.
        Assert.Contains("unknown_profile  no-such-profile", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Plan of the next round", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("LANE  PROFILE   OPERATION", result.StandardOutput, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        var states = (await connection.QueryAsync<(string State, long Count)>(
            new CommandDefinition(
                "select state, count(*) from campaign_sync.outbox group by state",
                cancellationToken: TestContext.Current.CancellationToken))).ToDictionary(r => r.State, r => r.Count);
        Assert.Equal(300, states.Values.Sum());
        Assert.All(states.Keys, state => Assert.Contains(state, FinalStates));
        Assert.True(states.GetValueOrDefault("succeeded") > 0, string.Join(", ", states));
    }

    private static Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__Postgres"] = connectionString,
    };

    private static Dictionary<string, long> Counts(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: TestContext.Current.CancellationToken));
    }
}
