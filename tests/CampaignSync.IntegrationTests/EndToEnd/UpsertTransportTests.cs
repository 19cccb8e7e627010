using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.Campaign;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 16: each <c>Campaign:UpsertTransport</c> through the real pipeline against the simulator ends one mixed outbox
/// with the profiles of the reference fold and the same outcome for every row; Bulk and Single make no async request
/// and no poll. (<see cref="FoldingPropertyTests"/> covers every upsert and update-link mode under every transport.)
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class UpsertTransportTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Every_transport_ends_with_the_reference_fold_and_one_final_outcome_a_row(string transport)
    {
        var options = new SimulatorOptions
        {
            KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")],
            ValueFailureRules = [new ValueFailureRule("email", "^[^@]*$", "1001", "Invalid email address")],
        };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            options, workers: 0);
        await harness.InsertRandomChangesAsync(rows: 3_000, contacts: 400, seed: 16);

        // Besides the random updates and deletes, a row of every other kind, each with the outcome it must get whatever
        // the transport: (id, state, code), the description too where Campaign gives it.
        var expected = new Dictionary<string, (long Id, string State, string? Code, string? Description)>
        {
            ["refused by Campaign (an error-file line)"] = (await harness.UpsertAsync("bounce-1", new { city = "Leeds" }), "failed", "1001", "Invalid email address"),
            ["folded with a refused row, sent again alone"] = (await harness.UpsertAsync("mixed-1", new { city = "London" }), "succeeded", null, null),
            ["refused in a folded record"] = (await harness.UpsertAsync("mixed-1", new { email = "bad" }), "failed", "1001", "Invalid email address"),
            ["invalid row"] = (await harness.UpsertAsync("mixed-2", new { email = new { nested = true } }), "failed", ChangeValidator.InvalidRowCode, null),
            ["attribute the profile lacks"] = (await harness.UpsertAsync("mixed-3", new Dictionary<string, string> { ["shoe-size"] = "42" }),
                "failed", ProfileSchema.UnknownAttributeCode, null),
            ["profile the tenant lacks"] = (await harness.UpsertAsync("L-1", new { city = "Turin" }, profile: "leads"), "failed", ProfileSchema.UnknownProfileCode, null),
            ["update-only of a missing profile"] = (await harness.UpsertAsync("missing-1", new { city = "York" }, upsertMode: 2),
                "succeeded", RecordError.SkippedMissing, null),
            ["create-only of a missing profile"] = (await harness.UpsertAsync("create-1", new { city = "Leeds" }, upsertMode: 0), "succeeded", null, null),
            ["create-only of the profile just created"] = (await harness.UpsertAsync("create-1", new { city = "York" }, upsertMode: 0),
                "succeeded", RecordError.SkippedExists, null),
            ["delete of a missing profile"] = (await harness.DeleteAsync("never-existed"), "succeeded", null, null),
        };

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport));
        await harness.WaitUntilAllFinalAsync(Patience);

        await ReferenceFold.AssertMatchesAsync(harness);
        await harness.AssertOneFinalOutcomePerRowAsync();
        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        var differences = expected
            .Select(e => (Kind: e.Key, Expected: e.Value, Actual: rows[e.Value.Id]))
            .Where(d => (d.Actual.State, d.Actual.OutcomeCode) != (d.Expected.State, d.Expected.Code)
                || (d.Expected.Description is not null && d.Actual.OutcomeDescription != d.Expected.Description))
            .Select(d => $"{d.Kind}, row {d.Expected.Id}: expected {d.Expected.State} {d.Expected.Code} {d.Expected.Description}, "
                + $"got {d.Actual.State} {d.Actual.OutcomeCode} {d.Actual.OutcomeDescription}")
            .ToList();
        Assert.True(differences.Count == 0, $"Under {transport}:\n{string.Join('\n', differences)}");
        var ids = expected.Values.Select(e => e.Id).ToHashSet();
        Assert.All(rows.Values.Where(r => !ids.Contains(r.Id)),
            r => Assert.True(r.State is "succeeded" or "superseded" && r.OutcomeCode is null, $"random row {r.Id} {r.ProfileKey}: {r.State} {r.OutcomeCode}"));
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        var requests = stats!["requests"]!.AsObject();
        var upsertCalls = UpsertTransports.UpsertCalls(transport) + "200";
        Assert.True(requests[upsertCalls]?.GetValue<long>() > 0, $"No {upsertCalls}: {requests.ToJsonString()}");
        var asyncAccepted = stats["async_requests_accepted"]!.GetValue<long>();
        Assert.True(transport == UpsertTransports.AsyncFile ? asyncAccepted > 0 : asyncAccepted == 0, $"{asyncAccepted} async requests under {transport}");
    }

    [Fact]
    public async Task A_bulk_call_refused_whole_for_one_invalid_entry_is_split_until_that_entry_fails_alone()
    {
        var options = new SimulatorOptions { MaxValueLength = 40 };
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            options, workers: 0);
        var ids = new List<long>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await harness.UpsertAsync($"C-{i}", new { city = i == 5 ? new string('x', 41) : $"town-{i}" }));
        }

        await harness.StartWorkerAsync(UpsertTransports.Settings(UpsertTransports.Bulk));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("failed", "1001"), (rows[ids[5]].State, rows[ids[5]].OutcomeCode));
        Assert.All(ids.Where((_, i) => i != 5), id => Assert.Equal("succeeded", rows[id].State));
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        var requests = stats!["requests"]!.AsObject();
        // 16 records: the whole call, then halves of 8, 4, 2 and 1 along the bad entry's path, each with its sibling.
        Assert.Equal(9, requests[UpsertTransports.UpsertCalls(UpsertTransports.Bulk) + "200"]?.GetValue<long>());
        await harness.AssertOneFinalOutcomePerRowAsync();
    }
}
