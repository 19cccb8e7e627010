using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.IntegrationTests.Simulator;
using CampaignSync.Simulator;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Issue 16's <c>check</c> verb through the real executable against the simulator: what a tenant lacks or refuses is
/// named in the table and the exit code is 0 only when nothing is wrong; <c>check --probe</c> prints every step.
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class CheckCommandTests(PostgresFixture server)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);
    private const string OneRow = "('contacts', 'k-1', 'upsert', '{\"city\": \"Turin\"}')";

    [Fact]
    public async Task Check_of_a_tenant_that_has_everything_the_pending_rows_use_exits_0_and_covers_the_bulk_path_when_it_is_the_transport()
    {
        var result = await CheckAsync(new SimulatorOptions { SecondaryApiKey = "second-key-of-this-test" }, """
            ('contacts', 'k-1', 'upsert', '{"email": "a@example.com", "first-name": "Ada"}'),
            ('contacts', 'k-2', 'delete', '{}'),
            ('companies', 'c-1', 'upsert', '{"name": "Acme", "town": "Turin"}')
            """, ("Campaign__SecondaryApiKey", "second-key-of-this-test"), ("Campaign__UpsertTransport", "Bulk"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Checked 2 key(s), 6 paths, 2 profile(s) and 4 attribute(s) used by 3 pending row(s).", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Nothing is wrong.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_names_a_refused_secondary_key_and_a_path_that_is_not_served_and_exits_1()
    {
        var result = await CheckAsync(new SimulatorOptions(), OneRow,
            ("Campaign__SecondaryApiKey", "a-key-the-tenant-never-issued"),
            ("Campaign__Paths__Status", "/campaignapi/resources/v3/nowhere/{request-id}"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^key\s+Campaign:SecondaryApiKey\s+refused: answered HTTP 401, code 430", result.StandardOutput);
        Assert.Matches(@"(?m)^path\s+Campaign:Paths:Status\s+answered HTTP 404", result.StandardOutput);
        Assert.DoesNotMatch(@"(?m)^key\s+Campaign:ApiKey\s", result.StandardOutput);
        Assert.Contains("2 problem(s).", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_refused_primary_key_says_nothing_else_could_be_checked_and_exits_1()
    {
        var result = await CheckAsync(new SimulatorOptions(), OneRow, ("Campaign__ApiKey", "a-key-the-tenant-never-issued"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^key\s+Campaign:ApiKey\s+refused: answered HTTP 401, code 430", result.StandardOutput);
        Assert.Matches(@"(?m)^metadata\s+Campaign:Paths:Metadata\s+not read with any key", result.StandardOutput);
    }

    [Fact]
    public async Task Check_names_a_missing_profile_an_unknown_attribute_and_a_type_mismatch_of_pending_rows_and_exits_1()
    {
        var options = new SimulatorOptions();
        options.Profiles[0].Attributes.Add("score");
        options.Profiles[0].AttributeTypes["score"] = "number";
        var result = await CheckAsync(options, """
            ('leads', 'l-1', 'upsert', '{"city": "Turin"}'),
            ('leads', 'l-2', 'delete', '{}'),
            ('contacts', 'k-1', 'upsert', '{"shoe-size": "42", "city": "Turin"}'),
            ('contacts', 'k-2', 'upsert', '{"score": "high"}'),
            ('contacts', 'k-3', 'upsert', '{"score": 7.5}')
            """);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^unknown_profile\s+leads\s+Campaign has no profile 'leads' \(profile metadata\); 2 pending row\(s\) name it", result.StandardOutput);
        Assert.Matches(@"(?m)^unknown_attribute\s+contacts\.shoe-size\s+profile 'contacts' has no attribute 'shoe-size'.*; 1 of 1 pending row\(s\)", result.StandardOutput);
        Assert.Matches(@"(?m)^type_mismatch\s+contacts\.score\s+the value of 'score' does not fit its data type 'number'.*; 1 of 2 pending row\(s\)", result.StandardOutput);
        Assert.Contains("3 problem(s).", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_probe_writes_a_contact_back_follows_it_through_status_and_error_file_reads_it_back_and_exits_0()
    {
        await using var simulator = await PipelineHarness.StartSimulatorAsync(new SimulatorOptions());
        await using var client = new SimulatorClient(simulator);
        await client.UpsertAsync("probe-1", """{"attribute-name":"first-name","val":"Ada"},{"attribute-name":"city","val":"Turin"}""");
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var environment = Environment(connectionString, simulator);
        environment["Polling__FirstPollDelay"] = "00:00:00.200";

        var result = await WorkerProcess.RunAsync(environment, Quick, "check", "--probe", "probe-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Nothing is wrong.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^probe  read\s+the contact exists with 2 attribute\(s\); 2 the metadata lists are written back unchanged: city, first-name", result.StandardOutput);
        Assert.Matches(@"(?m)^probe  submit\s+accepted as request \S+ \(update only, linked profile ignored\)", result.StandardOutput);
        Assert.Matches(@"(?m)^probe  status\s+done after \d+ poll\(s\): update-count 1 \(1 expected\), no error file", result.StandardOutput);
        Assert.Matches(@"(?m)^probe  error file\s+none: no record failed", result.StandardOutput);
        Assert.Matches(@"(?m)^probe  read back\s+every value written back is stored", result.StandardOutput);
        Assert.Contains("Probe passed.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, (await client.GetStatsAsync())["async_requests_accepted"]!.GetValue<long>());
    }

    private static Dictionary<string, string> Environment(string connectionString, SimulatorHost simulator) => new()
    {
        ["ConnectionStrings__Postgres"] = connectionString,
        ["Campaign__BaseUrl"] = simulator.BaseAddress.ToString(),
        ["Campaign__ApiKey"] = simulator.Options.ApiKey,
        ["Campaign__RetryBaseDelay"] = "00:00:00.100",
        // check builds the worker's host, which refuses an anonymous dashboard outside Development.
        ["Dashboard__Mode"] = "Basic",
        ["Dashboard__OperatorUsername"] = "operator",
        ["Dashboard__OperatorPassword"] = PipelineHarness.OperatorPassword,
    };

    /// <summary>Runs <c>check</c> against a simulator of <paramref name="options"/> and a database holding <paramref name="rows"/> (SQL values).</summary>
    private async Task<WorkerProcessResult> CheckAsync(SimulatorOptions options, string rows, params (string Name, string Value)[] settings)
    {
        await using var simulator = await PipelineHarness.StartSimulatorAsync(options);
        var environment = Environment(await DatabaseWithRowsAsync(rows), simulator);
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return await WorkerProcess.RunAsync(environment, Quick, "check");
    }

    private async Task<string> DatabaseWithRowsAsync(string values)
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(new CommandDefinition(
            $"insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes) values {values}",
            cancellationToken: TestContext.Current.CancellationToken));
        return connectionString;
    }
}
