using System.Net;
using System.Net.Http.Headers;
using CampaignSync.Campaign;
using Polly.CircuitBreaker;

namespace CampaignSync.UnitTests.Campaign;

public sealed partial class CampaignClientTests
{
    [Fact]
    public async Task Submit_waits_the_retry_after_seconds_before_resending_after_429()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler
            .AnswerJson(HttpStatusCode.TooManyRequests, """{"code":"429"}""", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .AnswerJson(HttpStatusCode.OK, """{"request-id":"r-1"}""");

        var call = harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);
        var first = await harness.Handler.NextRequestAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        harness.Time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        Assert.Single(harness.Handler.Requests);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await harness.Handler.NextRequestAsync();
        var reply = await call;

        Assert.Equal("r-1", reply.Value);
        Assert.Equal(TimeSpan.FromSeconds(7), second.At - first.At);
    }

    [Fact]
    public async Task Status_waits_until_the_retry_after_date_before_asking_again()
    {
        using var harness = new CampaignClientHarness();
        var retryAt = harness.Time.GetUtcNow().AddSeconds(12);
        harness.Handler
            .AnswerJson(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(retryAt))
            .AnswerJson(HttpStatusCode.OK, """{"update-count":1}""");

        var call = harness.Client.GetQueryStatusAsync("r-1", Token);
        await harness.Handler.NextRequestAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(12));
        harness.Time.Advance(TimeSpan.FromSeconds(12));
        var second = await harness.Handler.NextRequestAsync();
        var reply = await call;

        Assert.True(reply.IsSuccess);
        Assert.Equal(retryAt, second.At);
    }

    [Fact]
    public async Task Submit_returns_a_long_retry_after_to_the_caller_instead_of_waiting()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.TooManyRequests, """{"code":"429"}""", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(5)));

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal(CampaignOutcomeKind.Retryable, reply.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), reply.RetryAfter);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Delete_whose_answer_never_came_is_not_resent_because_it_may_still_be_applied()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.Hang().AnswerJson(HttpStatusCode.OK, """{"transaction-id":"t-9"}""");

        var call = harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);
        await harness.Handler.NextRequestAsync();
        harness.Time.Advance(CampaignDefaults.AttemptTimeout);
        var reply = await call;

        Assert.Equal(CampaignOutcomeKind.Ambiguous, reply.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Delete_answered_by_a_gateway_error_is_ambiguous_and_not_resent()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:MaxRetries"] = "1" });
        harness.Handler.AnswerText(HttpStatusCode.BadGateway, "").AnswerText(HttpStatusCode.BadGateway, "");

        var reply = await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);

        Assert.Equal(CampaignOutcomeKind.Ambiguous, reply.Kind);
        Assert.Equal("502", reply.Code);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Delete_refused_with_429_is_resent()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:MaxRetries"] = "1" });
        harness.Handler.AnswerJson(HttpStatusCode.TooManyRequests, """{"code":"429"}""").AnswerJson(HttpStatusCode.OK, """{"transaction-id":"t-9"}""");

        var reply = await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);

        Assert.Equal(CampaignOutcomeKind.Success, reply.Kind);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_498_switches_to_the_secondary_key_and_keeps_it()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:SecondaryApiKey"] = CampaignClientHarness.SecondaryKey });
        harness.Handler
            .AnswerJson(HttpStatusCode.Unauthorized, """{"code":"498","description":"Invalid or expired token"}""")
            .AnswerJson(HttpStatusCode.OK, """{"request-id":"r-1"}""")
            .AnswerJson(HttpStatusCode.OK, """{"update-count":1}""");

        var submitted = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);
        await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal("r-1", submitted.Value);
        Assert.Equal(
            [$"Bearer {CampaignClientHarness.PrimaryKey}", $"Bearer {CampaignClientHarness.SecondaryKey}", $"Bearer {CampaignClientHarness.SecondaryKey}"],
            harness.Handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_498_on_both_keys_asks_for_new_credentials()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:SecondaryApiKey"] = CampaignClientHarness.SecondaryKey });
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"code":498}""").AnswerJson(HttpStatusCode.OK, """{"code":498}""");

        var reply = await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);

        Assert.Equal(CampaignOutcomeKind.RefreshAndRetry, reply.Kind);
        Assert.Equal("498", reply.Code);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_498_without_a_secondary_key_asks_for_new_credentials_at_once()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.Unauthorized, """{"code":"498"}""");

        var reply = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal(CampaignOutcomeKind.RefreshAndRetry, reply.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task An_open_circuit_throws_broken_circuit_without_sending()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:MaxRetries"] = "0" });
        for (var i = 0; i < CampaignDefaults.BreakerMinimumThroughput; i++)
        {
            harness.Handler.AnswerJson(HttpStatusCode.InternalServerError, """{"code":"500"}""");
        }

        for (var i = 0; i < CampaignDefaults.BreakerMinimumThroughput; i++)
        {
            await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token));
        Assert.Equal(CampaignDefaults.BreakerMinimumThroughput, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_surfaces_as_operation_canceled()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.Hang();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), cancellation.Token);
        await harness.Handler.NextRequestAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
