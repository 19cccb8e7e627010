using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>
/// Issue 3: the real client against the simulator over HTTP, for every endpoint the worker calls (this file), every
/// documented failure code the simulator produces (<c>.Codes.cs</c>) and the resilience cases (<c>.Resilience.cs</c>).
/// </summary>
[Trait("Category", "Contract")]
public sealed partial class CampaignClientContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Async_submit_is_pending_then_done_and_its_error_file_names_the_failed_record()
    {
        await using var harness = await CampaignContractHarness.StartAsync(sim =>
        {
            // Long enough that the status asked right after the submit finds it processing on a stalled machine too.
            sim.ProcessingDelay = TimeSpan.FromSeconds(5);
            sim.KeyFailureRules = [new KeyFailureRule("^bad-", "7031", "Profile id and name do not match")];
        });

        var submitted = await harness.Client.SubmitUpsertBatchAsync(
            CampaignContractHarness.Batch(("good-1", "one@example.com", "+1"), ("bad-2", "two@example.com", "+2"), ("good-3", "three@example.com", "+3")),
            Token);
        var pending = await harness.Client.GetQueryStatusAsync(submitted.Value!, Token);
        var done = await harness.WaitUntilDoneAsync(submitted.Value!);
        await using var errorFile = await harness.Client.OpenErrorFileAsync(done.ErrorFile!, Token);
        var entries = await ErrorFileParser.ParseAsync(errorFile, CampaignDefaults.ErrorFileMaxLines, Token).ToListAsync(Token);

        Assert.Equal(CampaignOutcomeKind.Success, submitted.Kind);
        Assert.Equal((CampaignOutcomeKind.Success, false, "1010"), (pending.Kind, pending.Value!.IsDone, pending.Code));
        Assert.Equal(2, done.UpdateCount);
        var line = Assert.IsType<ErrorLine>(Assert.Single(entries));
        Assert.Equal((2, "7031", "Profile id and name do not match"), (line.Index, line.Code, line.Description));
        var profiles = await harness.ProfilesAsync();
        Assert.Equal(["good-1", "good-3"], profiles.Keys.Order());
        Assert.Equal(("three@example.com", "+3"), (profiles["good-3"]["email"], profiles["good-3"]["phone"]));
    }

    [Fact]
    public async Task Status_of_a_request_without_failures_is_done_with_no_error_file()
    {
        await using var harness = await CampaignContractHarness.StartAsync();

        var submitted = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        var done = await harness.WaitUntilDoneAsync(submitted.Value!);

        Assert.Equal(1, done.UpdateCount);
        Assert.Null(done.ErrorFile);
    }

    [Fact]
    public async Task Get_profile_reads_a_stored_profile_and_answers_a_missing_one_as_not_existing()
    {
        await using var harness = await CampaignContractHarness.StartAsync();
        var submitted = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        await harness.WaitUntilDoneAsync(submitted.Value!);

        var stored = await harness.Client.GetProfileAsync("contacts", "k-1", Token);
        var missing = await harness.Client.GetProfileAsync("contacts", "k-2", Token);

        Assert.Equal((CampaignOutcomeKind.Success, true), (stored.Kind, stored.Value!.Exists));
        Assert.Equal("a@example.com", stored.Value.Attributes["email"]);
        Assert.Equal((CampaignOutcomeKind.Success, false, "1020"), (missing.Kind, missing.Value!.Exists, missing.Code));
    }

    [Fact]
    public async Task Error_file_download_of_an_unknown_file_throws_with_the_http_status()
    {
        await using var harness = await CampaignContractHarness.StartAsync();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(
            () => harness.Client.OpenErrorFileAsync("/campaignapi/resources/v3/files/unknown/errors.csv", Token));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_profile_and_a_repeated_delete_answered_1020_is_a_success()
    {
        await using var harness = await CampaignContractHarness.StartAsync();
        var submitted = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        await harness.WaitUntilDoneAsync(submitted.Value!);

        var first = await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", "k-1", ["audit"]), Token);
        var second = await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", "k-1", ["audit"]), Token);

        Assert.Equal((CampaignOutcomeKind.Success, null), (first.Kind, first.Code));
        Assert.False(string.IsNullOrEmpty(first.Value));
        Assert.Equal((CampaignOutcomeKind.Success, "1020"), (second.Kind, second.Code));
        Assert.Empty(await harness.ProfilesAsync());
    }
}
