using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// Every kind of bad row gets a clear answer and blocks nothing: either a constraint rejects it at the door, or the
/// worker (or Campaign) fails it with a code and a reason while the good rows around it go through.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BadInputTests(PostgresFixture server)
{
    private static readonly string[] SentStates = ["succeeded", "superseded"];
    private static readonly (string Key, string Op, string Json)[] SharedContactRows =
    [
        ("dup", "upsert", "{\"email\":\"d@example.com\"}"),
        ("dup", "upsert", "{\"email\":\"d@example.com\"}"),
        ("same-tx", "upsert", "{\"email\":\"s@example.com\"}"),
        ("same-tx", "delete", "{}"),
    ];

    private const string Insert = "insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams) values ";

    /// <summary>Rows SQL refuses: (kind, the VALUES list or a whole statement).</summary>
    public static TheoryData<string, string> DoorRejections => new()
    {
        { "empty key", Insert + "('contacts', '', 'upsert', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "blank key", Insert + "('contacts', '   ', 'upsert', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "null key", Insert + "('contacts', null, 'upsert', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "empty profile name", Insert + "('', 'k', 'upsert', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "null profile name", Insert + "(null, 'k', 'upsert', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "unknown operation", Insert + "('contacts', 'k', 'merge', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "operation in capitals", Insert + "('contacts', 'k', 'UPSERT', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "null operation", Insert + "('contacts', 'k', null, '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "upsert mode 3", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"x\"}', 3, 2, '{}')" },
        { "upsert mode -1", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"x\"}', -1, 2, '{}')" },
        { "update-link 0", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"x\"}', 1, 0, '{}')" },
        { "update-link 4", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"x\"}', 1, 4, '{}')" },
        { "attributes an array", Insert + "('contacts', 'k', 'upsert', '[1, 2]', 1, 2, '{}')" },
        { "attributes a string", Insert + "('contacts', 'k', 'upsert', '\"text\"', 1, 2, '{}')" },
        { "attributes a number", Insert + "('contacts', 'k', 'upsert', '42', 1, 2, '{}')" },
        { "attributes null", Insert + "('contacts', 'k', 'upsert', null, 1, 2, '{}')" },
        { "attributes not JSON", Insert + "('contacts', 'k', 'upsert', '{bad', 1, 2, '{}')" },
        { "NUL escape in JSON", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"a\\u0000b\"}', 1, 2, '{}')" },
        { "11 exparams", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"x\"}', 1, 2, array['1','2','3','4','5','6','7','8','9','10','11'])" },
        { "2-D exparams", Insert + "('contacts', 'k', 'upsert', '{\"email\":\"x\"}', 1, 2, array[array['a','b'],array['c','d']])" },
        { "invalid UTF-8 in key", Insert + "('contacts', convert_from('\\xc328'::bytea, 'UTF8'), 'upsert', '{\"email\":\"x\"}', 1, 2, '{}')" },
        { "forged state", "insert into campaign_sync.outbox (profile_name, profile_key, operation, state) values ('contacts', 'k', 'upsert', 'done')" },
    };

    [Theory]
    [MemberData(nameof(DoorRejections))]
    public async Task A_row_sql_can_judge_is_rejected_at_the_door(string kind, string sql)
    {
        await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));

        Assert.False(string.IsNullOrEmpty(ex.MessageText), kind);
    }

    [Fact]
    public async Task A_nul_character_in_a_parameter_never_reaches_the_table()
    {
        await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "select campaign_sync.enqueue_upsert('contacts', @key, '{\"email\":\"x\"}')", new { key = "a\0b" }));
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Rows_the_worker_or_campaign_cannot_take_fail_with_a_reason_and_the_rows_around_them_go_through(string transport)
    {
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), options, workers: 0);
        var bad = new Dictionary<string, long>
        {
            ["nested attribute value"] = await harness.UpsertAsync("bad-1", new { email = new { nested = true } }),
            ["array attribute value"] = await harness.UpsertAsync("bad-2", new { email = SentStates }),
            ["empty attribute name"] = await harness.UpsertAsync("bad-3", new Dictionary<string, string> { [""] = "x" }),
            ["control character in attribute name"] = await harness.UpsertAsync("bad-4", new Dictionary<string, string> { ["e\tmail"] = "x" }),
            ["attribute name over 128 characters"] = await harness.UpsertAsync("bad-5", new Dictionary<string, string> { [new string('n', 129)] = "x" }),
            ["upsert without attributes"] = await harness.UpsertAsync("bad-6", new { }),
            ["key over 255 characters"] = await harness.UpsertAsync(new string('k', 256), new { email = "x@example.com" }),
            ["control character in key"] = await harness.UpsertAsync("bad\t8", new { email = "x@example.com" }),
            ["attribute value of 1 MB"] = await harness.UpsertAsync("bad-9", new { email = "x@example.com", city = new string('c', 1024 * 1024) }),
            ["profile unknown to Campaign"] = await harness.UpsertAsync("bad-10", new { email = "x@example.com" }, profile: "no-such-profile"),
            ["attribute unknown to the profile"] = await harness.UpsertAsync("bad-11", new Dictionary<string, string> { ["shoe-size"] = "44" }),
            ["record Campaign refuses"] = await harness.UpsertAsync("bounce-12", new { email = "x@example.com" }),
        };
        var good = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            good.Add(await harness.UpsertAsync($"good-{i}", new { email = $"good{i}@example.com", city = "Oslo" }));
        }

        good.Add(await harness.UpsertAsync("Zoë O'Brien 株式会社", new { email = "unicode@example.com" }));
        good.Add(await harness.UpsertAsync("key with spaces", new { email = "spaces@example.com" }));
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            // Duplicate rows, and several rows of one contact written in one transaction.
            foreach (var (key, op, json) in SharedContactRows)
            {
                good.Add(await connection.ExecuteScalarAsync<long>(
                    "insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, exparams) values ('contacts', @key, @op, @json::jsonb, array['1','2','3','4','5','6','7','8','9','10']) returning id",
                    new { key, op, json }, transaction));
            }

            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport));
        await harness.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(3));

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        foreach (var (kind, id) in bad)
        {
            Assert.True(rows[id].State == "failed", $"{kind}: {rows[id].State} {rows[id].OutcomeCode}");
            Assert.False(string.IsNullOrWhiteSpace(rows[id].OutcomeCode), kind);
            Assert.False(string.IsNullOrWhiteSpace(rows[id].OutcomeDescription), kind);
        }

        Assert.All(good, id => Assert.Contains(rows[id].State, SentStates));
        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal("unicode@example.com", profiles["Zoë O'Brien 株式会社"]["email"]);
        Assert.False(profiles.ContainsKey("same-tx"));
        Assert.Contains("dup", profiles.Keys);
    }
}
