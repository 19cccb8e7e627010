using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignSync.Campaign;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 16: rows the tenant's profile metadata says Campaign would refuse fail before they are sent, with a code of
/// their own, so a defect every record of a request shares costs no request (it used to cost 2n−1: the whole-request
/// 1001 split in halves until every record failed alone).
/// </summary>
[Trait("Category", "Pipeline")]
public sealed class ProfileSchemaTests(PostgresFixture server)
{
    private const string MetadataCalls = "GET /campaignapi/metadata/v3/profile ";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task A_batch_whose_records_all_use_an_attribute_the_profile_lacks_costs_no_upsert_call_and_every_row_fails_with_the_reason(string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions(), workers: 0);
        for (var i = 1; i <= 20; i++)
        {
            await harness.UpsertAsync($"C-{i}", new Dictionary<string, string> { ["shoe-size"] = "42", ["city"] = "Turin" });
        }

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport));
        await harness.WaitUntilAllFinalAsync(Patience);

        var calls = await RequestCountsAsync(harness);
        Assert.True(Sum(calls, UpsertTransports.UpsertCalls(transport)) == 0, $"Upsert calls were made: {Describe(calls)}");
        Assert.True(Sum(calls, MetadataCalls) == 1, $"The metadata is read once: {Describe(calls)}");
        var rows = await harness.RowsAsync();
        Assert.All(rows, row => Assert.Equal(
            ("failed", ProfileSchema.UnknownAttributeCode, "profile 'contacts' has no attribute 'shoe-size' (profile metadata)"),
            (row.State, row.OutcomeCode, row.OutcomeDescription)));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Rows_of_a_missing_profile_or_with_a_value_that_does_not_fit_fail_at_once_while_the_others_are_sent(string transport)
    {
        var options = new SimulatorOptions();
        options.Profiles[0].Attributes.Add("score");
        options.Profiles[0].AttributeTypes["score"] = "number";
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            options, workers: 0);
        var mismatch = await harness.UpsertAsync("C-1", new { score = "high" });
        var fits = await harness.UpsertAsync("C-2", new { score = 7.5, city = "Turin" });
        var missingProfile = await harness.UpsertAsync("L-1", new { city = "Turin" }, profile: "leads");
        var deleteOfMissingProfile = await harness.DeleteAsync("L-2", profile: "leads");

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport));
        await harness.WaitUntilAllFinalAsync(Patience);

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(("failed", ProfileSchema.TypeMismatchCode, "the value of 'score' does not fit its data type 'number' in profile 'contacts'"),
            (rows[mismatch].State, rows[mismatch].OutcomeCode, rows[mismatch].OutcomeDescription));
        Assert.Equal("succeeded", rows[fits].State);
        Assert.Equal(("failed", ProfileSchema.UnknownProfileCode), (rows[missingProfile].State, rows[missingProfile].OutcomeCode));
        Assert.Equal(("failed", ProfileSchema.UnknownProfileCode), (rows[deleteOfMissingProfile].State, rows[deleteOfMissingProfile].OutcomeCode));
        Assert.Equal(("7.5", "Turin"), ((await harness.SimulatorProfilesAsync())["C-2"]["score"], (await harness.SimulatorProfilesAsync())["C-2"]["city"]));
        Assert.Equal(1, Sum(await RequestCountsAsync(harness), UpsertTransports.UpsertCalls(transport)));
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task An_attribute_added_to_the_profile_is_accepted_once_the_metadata_is_read_again(string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions(), settings: UpsertTransports.Settings(transport, new Dictionary<string, string?> { ["Campaign:MetadataRefreshInterval"] = "00:00:01" }));
        var before = await harness.UpsertAsync("C-1", new Dictionary<string, string> { ["nickname"] = "Ada" });
        await harness.WaitUntilAllFinalAsync(Patience);

        var contacts = harness.Simulator.Options.Profiles[0];
        harness.Simulator.Options.Profiles = [new SimulatedProfile
        {
            Name = contacts.Name, Id = contacts.Id, Attributes = [.. contacts.Attributes, "nickname"],
            LinkedProfile = contacts.LinkedProfile, LinkAttribute = contacts.LinkAttribute,
        }, .. harness.Simulator.Options.Profiles.Skip(1)];
        var after = await Eventually.UntilAsync("a row using the new attribute to succeed", async _ =>
        {
            var id = await harness.UpsertAsync("C-2", new Dictionary<string, string> { ["nickname"] = "Grace" });
            await harness.WaitUntilAllFinalAsync(Patience);
            return (await harness.RowsAsync()).Single(r => r.Id == id);
        }, row => row.State == "succeeded", Patience, row => Task.FromResult($"last row: {row.State} {row.OutcomeCode}"));

        var rows = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(ProfileSchema.UnknownAttributeCode, rows[before].OutcomeCode);
        Assert.Equal("Grace", (await harness.SimulatorProfilesAsync())["C-2"]["nickname"]);
        Assert.Equal("succeeded", after.State);
    }

    private static async Task<Dictionary<string, long>> RequestCountsAsync(PipelineHarness harness)
    {
        var stats = await harness.Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        return stats!["requests"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
    }

    private static long Sum(Dictionary<string, long> calls, string prefix) =>
        calls.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    private static string Describe(Dictionary<string, long> calls) => string.Join(", ", calls.Select(c => $"{c.Key}: {c.Value}"));
}
