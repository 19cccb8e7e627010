using CampaignSync.Campaign;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>Every documented failure code the simulator can produce, mapped by the one code table.</summary>
public sealed partial class CampaignClientContractTests
{
    private const string StatusPath = "/campaignapi/resources/v3/profilequerystatus/{request-id}";

    [Fact]
    public async Task Wrong_key_430_stops_and_alerts_on_every_call_without_a_retry()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            settings: new Dictionary<string, string?> { ["Campaign:ApiKey"] = "contract-wrong-key-55aa" });

        var submit = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        var delete = await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", "k-1", []), Token);
        var status = await harness.Client.GetQueryStatusAsync("r-1", Token);
        var download = await Assert.ThrowsAsync<HttpRequestException>(
            () => harness.Client.OpenErrorFileAsync("/campaignapi/resources/v3/files/r-1/errors.csv", Token));

        Assert.All([submit, delete], reply => Assert.Equal((CampaignOutcomeKind.StopAndAlert, "430"), (reply.Kind, reply.Code)));
        Assert.Equal((CampaignOutcomeKind.StopAndAlert, "430"), (status.Kind, status.Code));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, download.StatusCode);
        Assert.Equal(4, await harness.AnsweredAsync(401));
    }

    [Fact]
    public async Task Expired_key_498_switches_to_the_secondary_key_which_then_stays_in_use()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            sim =>
            {
                sim.SecondaryApiKey = CampaignContractHarness.SecondaryApiKey;
                sim.ExpiredKeys = [CampaignContractHarness.ApiKey];
            },
            new Dictionary<string, string?> { ["Campaign:SecondaryApiKey"] = CampaignContractHarness.SecondaryApiKey });

        var submitted = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        var done = await harness.WaitUntilDoneAsync(submitted.Value!);

        Assert.Equal(CampaignOutcomeKind.Success, submitted.Kind);
        Assert.Equal(1, done.UpdateCount);
        Assert.Equal(1, await harness.AnsweredAsync(401));
        Assert.Equal(1, await harness.StatAsync("async_requests_accepted"));
    }

    [Fact]
    public async Task Expired_498_on_both_keys_is_refresh_and_retry()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            sim =>
            {
                sim.SecondaryApiKey = CampaignContractHarness.SecondaryApiKey;
                sim.ExpiredKeys = [CampaignContractHarness.ApiKey, CampaignContractHarness.SecondaryApiKey];
            },
            new Dictionary<string, string?> { ["Campaign:SecondaryApiKey"] = CampaignContractHarness.SecondaryApiKey });

        var submit = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        var status = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal((CampaignOutcomeKind.RefreshAndRetry, "498"), (submit.Kind, submit.Code));
        Assert.Equal((CampaignOutcomeKind.RefreshAndRetry, "498"), (status.Kind, status.Code));
        Assert.Equal(4, await harness.AnsweredAsync(401));
        Assert.Equal(0, await harness.StatAsync("async_requests_accepted"));
    }

    [Fact]
    public async Task Method_not_supported_405_on_a_misconfigured_path_stops_and_alerts()
    {
        // The only way the client meets 405 is a path setting that points a POST at a GET resource or the reverse.
        await using var harness = await CampaignContractHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Campaign:Paths:Delete"] = "/campaignapi/resources/v3/profilequerystatus/r-1",
            ["Campaign:Paths:Status"] = "/campaignapi/resources/v3/delete?request={request-id}",
        });

        var delete = await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", "k-1", []), Token);
        var status = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal((CampaignOutcomeKind.StopAndAlert, "405"), (delete.Kind, delete.Code));
        Assert.Equal((CampaignOutcomeKind.StopAndAlert, "405"), (status.Kind, status.Code));
        Assert.Equal(2, await harness.AnsweredAsync(405));
    }

    [Fact]
    public async Task Unknown_profile_is_a_permanent_failure_3005_on_submit_and_102_on_delete()
    {
        await using var harness = await CampaignContractHarness.StartAsync();

        var submit = await harness.Client.SubmitUpsertBatchAsync(
            CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")) with { ProfileName = "leads" }, Token);
        var delete = await harness.Client.DeleteProfileAsync(new ProfileDelete("leads", "k-1", []), Token);

        Assert.Equal((CampaignOutcomeKind.PermanentFailure, "3005"), (submit.Kind, submit.Code));
        Assert.Equal((CampaignOutcomeKind.PermanentFailure, "102"), (delete.Kind, delete.Code));
    }

    [Fact]
    public async Task Invalid_input_1001_fails_the_whole_submit_for_good()
    {
        await using var harness = await CampaignContractHarness.StartAsync();

        var submit = await harness.Client.SubmitUpsertBatchAsync(
            CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")) with { AttributeNames = ["email", "shoe-size"] }, Token);

        Assert.Equal((CampaignOutcomeKind.PermanentFailure, "1001"), (submit.Kind, submit.Code));
        Assert.Equal(0, await harness.StatAsync("async_requests_accepted"));
    }

    [Theory]
    [InlineData("7031", "Profile id and name do not match")]
    [InlineData("1001", "Invalid input JSON")]
    [InlineData("3005", "Invalid profile id")]
    public async Task Delete_answered_a_record_code_is_a_permanent_failure_with_its_description(string code, string description)
    {
        await using var harness = await CampaignContractHarness.StartAsync(sim => sim.KeyFailureRules = [new KeyFailureRule("^bad-", code, description)]);

        var delete = await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", "bad-1", []), Token);

        Assert.Equal((CampaignOutcomeKind.PermanentFailure, code, description), (delete.Kind, delete.Code, delete.Description));
        Assert.Equal(1, await harness.AnsweredAsync(200));
    }
}
