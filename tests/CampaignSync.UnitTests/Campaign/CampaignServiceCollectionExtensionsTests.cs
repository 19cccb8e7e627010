using System.Net;
using System.Net.Http.Headers;
using CampaignSync.Campaign;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.UnitTests.Campaign;

public sealed class CampaignServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCampaignClient_stops_the_host_at_start_when_the_options_are_invalid()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Campaign:BaseUrl"] = "not a url" });
        builder.AddCampaignClient();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.EndsWith("Campaign:BaseUrl must be an absolute http or https URL.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.EndsWith("Campaign:ApiKey is required.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_rate_limit_each_attempt_takes_a_slot_of_the_shared_budget()
    {
        var budget = new RecordingRateBudget();
        using var harness = new CampaignClientHarness(new() { ["Campaign:RequestsPerSecond"] = "5" }, budget);
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"update-count":1}""");

        var reply = await harness.Client.GetQueryStatusAsync("r-1", TestContext.Current.CancellationToken);

        Assert.True(reply.IsSuccess);
        Assert.Equal(1, budget.Reserved);
        Assert.Empty(budget.HeldOff);
    }

    [Fact]
    public async Task A_429_with_retry_after_holds_the_shared_budget_for_every_replica()
    {
        var budget = new RecordingRateBudget();
        using var harness = new CampaignClientHarness(new() { ["Campaign:RequestsPerSecond"] = "5" }, budget);
        harness.Handler.AnswerJson(HttpStatusCode.TooManyRequests, """{"code":"429"}""", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(5)));

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), TestContext.Current.CancellationToken);

        Assert.Equal(CampaignOutcomeKind.Retryable, reply.Kind);
        Assert.Equal([TimeSpan.FromMinutes(5)], budget.HeldOff);
    }

    [Fact]
    public async Task A_budget_that_cannot_be_read_sends_nothing_and_the_submit_stays_retryable()
    {
        var budget = new RecordingRateBudget { Failure = new NpgsqlException("the database is gone") };
        using var harness = new CampaignClientHarness(new() { ["Campaign:RequestsPerSecond"] = "5", ["Campaign:MaxRetries"] = "0" }, budget);
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"request-id":"r-1"}""");

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), TestContext.Current.CancellationToken);

        Assert.Equal(CampaignOutcomeKind.Retryable, reply.Kind);
        Assert.Empty(harness.Handler.Requests);
    }

    /// <summary>A stand-in for the Postgres budget: counts slots, records hold-offs, or fails like a lost database.</summary>
    private sealed class RecordingRateBudget : ICampaignRateBudget
    {
        public int Reserved { get; private set; }

        public List<TimeSpan> HeldOff { get; } = [];

        public Exception? Failure { get; init; }

        public Task<RateSlot> ReserveAsync(CancellationToken cancellationToken)
        {
            Reserved++;
            return Failure is null ? Task.FromResult(new RateSlot(TimeSpan.Zero, TimeSpan.FromSeconds(1))) : Task.FromException<RateSlot>(Failure);
        }

        public Task HoldOffAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
        {
            HeldOff.Add(retryAfter);
            return Task.CompletedTask;
        }
    }
}
