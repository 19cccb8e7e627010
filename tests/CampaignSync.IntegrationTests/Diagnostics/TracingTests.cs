using System.Collections.Concurrent;
using System.Diagnostics;
using CampaignSync.Diagnostics;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>
/// The worker's spans join an outbox row to the Campaign request that carried it: the submit span and every poll
/// span of a request carry its batch id (the outbox row's batch_id) and its request id.
/// </summary>
[Trait("Category", "Operations")]
public sealed class TracingTests(PostgresFixture server)
{
    [Fact]
    public async Task Submit_and_poll_spans_carry_the_batch_id_and_request_id_of_every_request()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CampaignSyncActivity.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(cancellationToken), new SimulatorOptions());
        await harness.InsertRandomChangesAsync(rows: 300, contacts: 100, seed: 21);
        await harness.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(3));

        await using var connection = await harness.DataSource.OpenConnectionAsync(cancellationToken);
        var requests = (await connection.QueryAsync<(long BatchId, string RequestId)>(
            "select id, request_id from campaign_sync.batch where request_id is not null")).ToList();
        Assert.NotEmpty(requests);
        // A span is reported when it stops, and the poll that completes a request stops its span only after the rows'
        // outcomes are committed: wait for every request's pair of spans, naming those still missing one.
        await Eventually.UntilAsync("a submit and a poll span for every request", _ => Task.FromResult(
                requests.Where(r => !HasSpan(r.RequestId, "campaign_sync.submit") || !HasSpan(r.RequestId, "campaign_sync.poll"))
                    .Select(r => r.RequestId).ToList()),
            missing => missing.Count == 0, TimeSpan.FromSeconds(30),
            missing => Task.FromResult($"Requests without both spans: {string.Join(", ", missing)}."));

        // Other tests run hosts in this process at the same time; request ids are unique, so they pick out ours.
        var ours = spans.Where(s => requests.Any(r => Equals(s.GetTagItem(CampaignSyncActivity.RequestIdTag), r.RequestId))).ToList();
        foreach (var (batchId, requestId) in requests)
        {
            var carrying = ours.Where(s => Equals(s.GetTagItem(CampaignSyncActivity.RequestIdTag), requestId)).ToList();
            Assert.Contains(carrying, s => s.OperationName == "campaign_sync.submit");
            Assert.Contains(carrying, s => s.OperationName == "campaign_sync.poll");
            Assert.All(carrying, s => Assert.Equal(batchId, s.GetTagItem(CampaignSyncActivity.BatchIdTag)));
        }

        var rowsOfRequests = await connection.ExecuteScalarAsync<long>(
            "select count(*) from campaign_sync.outbox where batch_id = any(@ids)", new { ids = requests.Select(r => r.BatchId).ToArray() });
        Assert.True(rowsOfRequests > 0);

        bool HasSpan(string requestId, string operation) =>
            spans.Any(s => s.OperationName == operation && Equals(s.GetTagItem(CampaignSyncActivity.RequestIdTag), requestId));
    }
}
