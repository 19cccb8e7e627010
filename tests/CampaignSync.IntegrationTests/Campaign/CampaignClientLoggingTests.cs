using CampaignSync.Campaign;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>
/// Issue 3: the client never logs a key, a profile key or an attribute value in clear, at any level, in any message,
/// structured value or exception, across successes, key rotation, retries, timeouts and refusals.
/// </summary>
[Trait("Category", "Contract")]
public sealed class CampaignClientLoggingTests
{
    private const string ProfileKey = "contact-4f2e-private";
    private const string BouncingKey = "bounce-8d1c-private";
    private const string Email = "jane.private@example.org";
    private const string Phone = "+41 79 555 01 23";
    private const string BouncingEmail = "sam.private@example.org";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_logs_no_key_profile_key_or_attribute_value_at_any_level()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            sim =>
            {
                sim.SecondaryApiKey = CampaignContractHarness.SecondaryApiKey;
                sim.ExpiredKeys = [CampaignContractHarness.ApiKey];
                sim.KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", $"Invalid email address {BouncingEmail}")];
            },
            new Dictionary<string, string?>
            {
                ["Campaign:SecondaryApiKey"] = CampaignContractHarness.SecondaryApiKey,
                ["Campaign:MaxRetries"] = "1",
                ["Campaign:AttemptTimeout"] = "00:00:02",
            });

        var requestId = await RunEveryKindOfCallAsync(harness);

        var logs = harness.Logs.Entries.ToList();
        Assert.Contains(logs, log => log.EventName == "ApiKeySwitched");
        Assert.Contains(logs, log => log.EventName == "RetryScheduled");
        Assert.Contains(logs, log => log.Category.StartsWith("Polly", StringComparison.Ordinal) && log.Exception is not null);
        Assert.Contains(logs, log => log.AllText.Contains(requestId, StringComparison.Ordinal));
        string[] secrets =
        [
            CampaignContractHarness.ApiKey, CampaignContractHarness.SecondaryApiKey, ProfileKey, BouncingKey, Email, Phone, BouncingEmail,
        ];
        foreach (var log in logs)
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, log.AllText, StringComparison.Ordinal));
        }
    }

    /// <summary>Submit (after a 498 and a key switch), status, error file, deletes, a 5xx, a timeout and a 430.</summary>
    private static async Task<string> RunEveryKindOfCallAsync(CampaignContractHarness harness)
    {
        var submitted = await harness.Client.SubmitUpsertBatchAsync(
            CampaignContractHarness.Batch((ProfileKey, Email, Phone), (BouncingKey, BouncingEmail, Phone)), Token);
        Assert.True(submitted.IsSuccess, $"Submit answered {submitted.Kind} {submitted.Code}");
        var done = await harness.WaitUntilDoneAsync(submitted.Value!);
        await using (var errorFile = await harness.Client.OpenErrorFileAsync(done.ErrorFile!, Token))
        {
            await errorFile.CopyToAsync(Stream.Null, Token);
        }

        Assert.True((await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", ProfileKey, [Email]), Token)).IsSuccess);
        Assert.Equal("1020", (await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", ProfileKey, [Email]), Token)).Code);
        Assert.Equal("1001", (await harness.Client.DeleteProfileAsync(new ProfileDelete("contacts", BouncingKey, []), Token)).Code);

        harness.Simulator.Options.ServerErrorRate = 1;
        Assert.Equal("500", (await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch((ProfileKey, Email, Phone)), Token)).Code);
        harness.Simulator.Options.ServerErrorRate = 0;

        harness.Simulator.Options.AddedLatency = TimeSpan.FromSeconds(5);
        Assert.Equal(
            CampaignOutcomeKind.Ambiguous,
            (await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch((ProfileKey, Email, Phone)), Token)).Kind);
        harness.Simulator.Options.AddedLatency = TimeSpan.Zero;

        // The secondary key the client now uses is withdrawn: 430 on a submit.
        harness.Simulator.Options.SecondaryApiKey = null;
        Assert.Equal("430", (await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch((ProfileKey, Email, Phone)), Token)).Code);
        return submitted.Value!;
    }
}
