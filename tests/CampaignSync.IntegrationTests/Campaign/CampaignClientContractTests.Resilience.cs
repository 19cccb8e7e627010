using System.Diagnostics;
using CampaignSync.Campaign;
using Polly.CircuitBreaker;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>429 with Retry-After, 5xx storms, timeouts and an open circuit, over real HTTP.</summary>
public sealed partial class CampaignClientContractTests
{
    /// <summary>The simulator's added latency where a call must give up long before the answer.</summary>
    private static readonly TimeSpan Latency = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Throttled_submit_waits_the_retry_after_and_is_accepted_once()
    {
        // One call in 5 s: the submit lands inside the first call's window even if this process stalls for a while.
        await using var harness = await CampaignContractHarness.StartAsync(sim => sim.RequestsPerSecond = 0.2);
        await harness.Client.GetQueryStatusAsync("r-0", Token);

        var clock = Stopwatch.StartNew();
        var submit = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);

        Assert.Equal(CampaignOutcomeKind.Success, submit.Kind);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Resent after {clock.Elapsed}");
        Assert.True(await harness.StatAsync("throttled") >= 1);
        Assert.Equal(1, await harness.StatAsync("async_requests_accepted"));
    }

    [Fact]
    public async Task Throttled_call_with_a_retry_after_longer_than_a_call_may_wait_returns_it_to_the_caller()
    {
        await using var harness = await CampaignContractHarness.StartAsync(sim => sim.RequestsPerSecond = 0.02);
        await harness.Client.GetQueryStatusAsync("r-0", Token);

        var clock = Stopwatch.StartNew();
        var status = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal((CampaignOutcomeKind.Retryable, "429"), (status.Kind, status.Code));
        // 50 s after the first call, less whatever time passed before the second (the bucket refills all the while).
        Assert.InRange(status.RetryAfter!.Value.TotalSeconds, CampaignDefaults.MaxRetryAfterInCall.TotalSeconds + 1, 50);
        Assert.True(clock.Elapsed < CampaignDefaults.MaxRetryAfterInCall, $"Answered after {clock.Elapsed}");
        Assert.Equal(1, await harness.StatAsync("throttled"));
    }

    [Fact]
    public async Task Server_error_storm_retries_each_call_up_to_the_limit_and_then_reports_retryable()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            sim => sim.ServerErrorRate = 1, new Dictionary<string, string?> { ["Campaign:MaxRetries"] = "2" });

        var status = await harness.Client.GetQueryStatusAsync("r-1", Token);
        var submit = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        var afterStatus = await harness.StatAsync("server_errors");
        harness.Simulator.Options.ServerErrorRate = 0;
        var recovered = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);

        Assert.Equal((CampaignOutcomeKind.Retryable, "500"), (status.Kind, status.Code));
        // A 500 with its body code proves the submit was refused, so even the submit may be resent.
        Assert.Equal((CampaignOutcomeKind.Retryable, "500"), (submit.Kind, submit.Code));
        Assert.Equal(6, afterStatus);
        Assert.Equal(CampaignOutcomeKind.Success, recovered.Kind);
        Assert.Equal(1, await harness.StatAsync("async_requests_accepted"));
    }

    [Fact]
    public async Task Answer_slower_than_the_attempt_timeout_is_retryable_for_a_read_and_ambiguous_for_a_submit()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            sim => sim.AddedLatency = Latency,
            new Dictionary<string, string?>
            {
                ["Campaign:AttemptTimeout"] = "00:00:00.300",
                ["Campaign:TotalTimeout"] = "00:00:03",
                ["Campaign:MaxRetries"] = "1",
            });

        var clock = Stopwatch.StartNew();
        var status = await harness.Client.GetQueryStatusAsync("r-1", Token);
        var submit = await harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token);
        var elapsed = clock.Elapsed;

        Assert.Equal((CampaignOutcomeKind.Retryable, "No answer within 300 ms."), (status.Kind, status.Description));
        Assert.Equal((CampaignOutcomeKind.Ambiguous, "No answer within 300 ms."), (submit.Kind, submit.Description));
        // Neither call waited for an answer: three attempts of 300 ms (two for the read, one for the submit, which is never
        // resent) against a server that answers after a minute. A busy machine stretches the first, never to the second.
        Assert.True(elapsed < Latency, $"Both calls took {elapsed}, as long as the server's answer");
    }


    [Fact]
    public async Task Open_circuit_refuses_calls_without_reaching_the_server()
    {
        await using var harness = await CampaignContractHarness.StartAsync(
            sim => sim.ServerErrorRate = 1, new Dictionary<string, string?> { ["Campaign:MaxRetries"] = "0" });
        for (var i = 0; i < CampaignDefaults.BreakerMinimumThroughput; i++)
        {
            var failed = await harness.Client.GetQueryStatusAsync("r-1", Token);
            Assert.Equal((CampaignOutcomeKind.Retryable, "500"), (failed.Kind, failed.Code));
        }

        harness.Simulator.Options.ServerErrorRate = 0;

        await Assert.ThrowsAsync<BrokenCircuitException>(() => harness.Client.GetQueryStatusAsync("r-1", Token));
        await Assert.ThrowsAsync<BrokenCircuitException>(
            () => harness.Client.SubmitUpsertBatchAsync(CampaignContractHarness.Batch(("k-1", "a@example.com", "+1")), Token));
        Assert.Equal(CampaignDefaults.BreakerMinimumThroughput, await harness.StatAsync("server_errors"));
        Assert.Equal(0, await harness.AnsweredAsync(200));
    }
}
