using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// Folding and batching are invisible (issue 13): Campaign ends as if every row were sent alone in id order, and each
/// row gets the outcome it would get alone. Each test starts its worker after the writes, so the rows of one contact
/// are pending together and are folded, and the records share requests.
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class InvisibleFoldingTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Update_only_rows_on_existing_profiles_succeed_and_one_on_a_missing_profile_is_skipped(string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 0);
        for (var i = 0; i < 10; i++)
        {
            await harness.UpsertAsync($"existing-{i}", new { city = "Leeds" });
        }

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport, QuickRecovery()));
        await harness.WaitUntilAllFinalAsync(Patience);
        var updates = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            updates.Add(await harness.UpsertAsync($"existing-{i}", new { city = "York" }, upsertMode: 2));
        }

        var missing = await harness.UpsertAsync("missing-0", new { city = "York" }, upsertMode: 2);
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.All(updates, id => Assert.Equal(("succeeded", (string?)null), (rows[id].State, rows[id].OutcomeCode)));
        Assert.Equal(("succeeded", "skipped_missing"), (rows[missing].State, rows[missing].OutcomeCode));
        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal(10, profiles.Count);
        Assert.All(profiles.Values, p => Assert.Equal("York", p["city"]));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task A_rejected_folded_record_is_unfolded_and_only_the_bad_row_fails(string transport)
    {
        var options = new SimulatorOptions { ValueFailureRules = [new ValueFailureRule("email", "^[^@]*$", "1001", "Invalid email address")] };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 0);
        var city = await harness.UpsertAsync("unfold-1", new { city = "London" });
        var email = await harness.UpsertAsync("unfold-1", new { email = "bad" });
        var other = await harness.UpsertAsync("unfold-2", new { city = "Paris" });

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport, QuickRecovery()));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("succeeded", (string?)null), (rows[city].State, rows[city].OutcomeCode));
        Assert.Equal(("failed", "1001", "Invalid email address"), (rows[email].State, rows[email].OutcomeCode, rows[email].OutcomeDescription));
        Assert.Equal("succeeded", rows[other].State);
        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal("London", profiles["unfold-1"]["city"]);
        Assert.False(profiles["unfold-1"].ContainsKey("email"));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Two_create_only_rows_for_a_missing_profile_create_with_the_first_and_skip_the_second(string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 0);
        var first = await harness.UpsertAsync("create-1", new { city = "Leeds" }, upsertMode: 0);
        var second = await harness.UpsertAsync("create-1", new { city = "York", email = "second@mail.example" }, upsertMode: 0);

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport, QuickRecovery()));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("succeeded", (string?)null), (rows[first].State, rows[first].OutcomeCode));
        Assert.Equal(("succeeded", "skipped_exists"), (rows[second].State, rows[second].OutcomeCode));
        Assert.Equal(new Dictionary<string, string> { ["city"] = "Leeds" }, (await harness.SimulatorProfilesAsync())["create-1"]);
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Two_rows_linking_a_contact_to_two_missing_companies_create_both_as_sent_alone(string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), new SimulatorOptions(), workers: 0);
        var first = await harness.UpsertAsync("linked-1", new Dictionary<string, string> { ["company-id"] = "co-A" });
        var second = await harness.UpsertAsync("linked-1", new Dictionary<string, string> { ["company-id"] = "co-B" });

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport, QuickRecovery()));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("succeeded", "succeeded"), (rows[first].State, rows[second].State));
        Assert.Equal(["co-A", "co-B"], (await harness.SimulatorProfilesAsync("companies")).Keys.Order());
        Assert.Equal("co-B", (await harness.SimulatorProfilesAsync())["linked-1"]["company-id"]);
    }

    public static MatrixTheoryData<EmptyValues, string> EmptyValuesByTransport =>
        new([EmptyValues.Clear, EmptyValues.Ignore], UpsertTransports.Names);

    [Theory]
    [MemberData(nameof(EmptyValuesByTransport))]
    public async Task An_empty_or_null_value_after_a_value_follows_the_empty_values_setting(EmptyValues emptyValues, string transport)
    {
        var options = new SimulatorOptions { EmptyValues = emptyValues };
        await using var harness = await PipelineHarness.StartAsync(await NewDatabaseAsync(), options, workers: 0);
        await harness.UpsertAsync("empty-1", new { city = "Leeds" });
        await harness.UpsertAsync("empty-1", new { city = "" });
        await harness.UpsertAsync("empty-2", new { city = "York", email = "two@mail.example" });
        await harness.UpsertAsync("empty-2", new { city = (string?)null });

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport, QuickRecovery(("Campaign:EmptyValues", emptyValues.ToString()))));
        await harness.WaitUntilAllFinalAsync(Patience);

        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal(emptyValues == EmptyValues.Clear ? "" : "Leeds", profiles["empty-1"].GetValueOrDefault("city", ""));
        Assert.Equal(emptyValues == EmptyValues.Clear ? "" : "York", profiles["empty-2"].GetValueOrDefault("city", ""));
        Assert.Equal("two@mail.example", profiles["empty-2"]["email"]);
        Assert.All(await harness.RowsAsync(), r => Assert.Contains(r.State, new[] { "succeeded", "superseded" }));
    }

    /// <summary>
    /// A short lease and request deadline: a claim round that fails on a busy shared server (e.g. "too many clients")
    /// leaves its rows until then, and these tests are about folding, not about how long recovery waits.
    /// </summary>
    internal static Dictionary<string, string?> QuickRecovery(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:LeaseDuration"] = "00:00:10",
            ["Submission:RequestDeadline"] = "00:00:30",
            ["Campaign:AttemptTimeout"] = "00:00:05",
            ["Campaign:TotalTimeout"] = "00:00:14",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
}
