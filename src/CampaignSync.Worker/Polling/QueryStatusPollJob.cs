using CampaignSync.Campaign;
using CampaignSync.Diagnostics;
using CampaignSync.ErrorFiles;
using CampaignSync.Outcomes;
using CampaignSync.Submission;
using Hangfire;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CampaignSync.Polling;

/// <summary>
/// The Hangfire entry point that follows one async request: asks the status API, and while the request is still
/// processing schedules itself again with a growing delay; once done, reads the error file and writes every
/// record's outcome back in one statement; past the deadline, expires the request and returns its records to
/// pending. Short runs only (no waiting inside a job, so the invisibility timeout never bites). Reentrant: every
/// write is guarded by the batch's state, so a second run for the same batch changes nothing.
/// </summary>
internal sealed class QueryStatusPollJob(
    ICampaignClient client,
    BatchStore batches,
    OutcomeStore outcomes,
    ErrorFileReader errorFiles,
    HangfirePollScheduler scheduler,
    SubmissionPause pause,
    IOptions<PollingOptions> options,
    CampaignSyncMetrics metrics,
    ILogger<QueryStatusPollJob> logger)
{
    private static readonly string[] Open = ["submitted", "polling"];

    /// <summary>Polls the request of batch <paramref name="batchId"/> once.</summary>
    [Queue(PollingOptions.Queue)]
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task PollAsync(long batchId, CancellationToken cancellationToken)
    {
        var batch = await batches.LoadForPollAsync(batchId, cancellationToken);
        if (batch is null || !batch.IsPollable)
        {
            logger.NothingToPoll(batchId, batch?.State);
            return;
        }

        using var activity = CampaignSyncActivity.Source.StartActivity("campaign_sync.poll");
        activity?.SetTag(CampaignSyncActivity.BatchIdTag, batchId);
        activity?.SetTag(CampaignSyncActivity.RequestIdTag, batch.RequestId);
        if (batch.PastDeadline)
        {
            metrics.RecordPoll("expired");
            var expired = BatchVerdict.All("expired", "expired", "the request was not done by its deadline", retryable: true);
            if (await outcomes.FinishAsync(batchId, Open, expired, BatchFacts.None, cancellationToken))
            {
                logger.Expired(batchId, batch.Polls);
            }

            return;
        }

        CampaignReply<QueryStatus> reply;
        try
        {
            reply = await client.GetQueryStatusAsync(batch.RequestId!, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            // Nothing was sent; ask again later like any other "not done yet".
            reply = new CampaignReply<QueryStatus>(CampaignOutcomeKind.Retryable, null, "circuit_open", null);
        }

        metrics.RecordPoll(reply is { IsSuccess: true } ? reply.Value!.IsDone ? "done" : "processing" : "failed");
        if (reply is { IsSuccess: true, Value.IsDone: true })
        {
            await CompleteAsync(batch, reply.Value, cancellationToken);
            return;
        }

        if (reply.Kind is CampaignOutcomeKind.StopAndAlert or CampaignOutcomeKind.RefreshAndRetry)
        {
            pause.Trip(reply.Code);
        }

        var delay = options.Value.DelayAfter(batch.Polls);
        if (await batches.MarkPolledAsync(batchId, delay, cancellationToken))
        {
            scheduler.Schedule(batchId, delay);
        }
    }

    private async Task CompleteAsync(BatchPollState batch, QueryStatus status, CancellationToken cancellationToken)
    {
        var report = status.ErrorFile is null
            ? ErrorFileReport.Empty
            : await ReadErrorFileAsync(status.ErrorFile, batch.RecordCount, cancellationToken);
        metrics.RecordErrorFileLines(report.Errors.Count, report.Anomalies.Count);
        var failing = report.Errors.Select(e => e.Index).Distinct().Count();
        var expectedUpdates = batch.RecordCount - failing;
        var mismatch = status.UpdateCount is { } count && count != expectedUpdates;

        // Records with no error line succeeded, unless the error file could not be read whole or the API counts fewer
        // updates than that: then they are unverified and sent again (an upsert sent twice is harmless).
        var unverified = report.Uncertain || status.UpdateCount < expectedUpdates;
        var verdict = new BatchVerdict("completed", report.Errors,
            unverified ? new RecordError(0, "unverified", "the request's result could not be confirmed for this record", Retryable: true) : null);
        var facts = new BatchFacts(status.UpdateCount, report.Lines, mismatch, report.AnomaliesJson());
        if (await outcomes.FinishAsync(batch.Id, Open, verdict, facts, cancellationToken))
        {
            logger.Completed(batch.Id, batch.RecordCount, failing, report.Anomalies.Count, mismatch);
        }
    }

    /// <summary>The file's report; a file refused or over a limit is not fetched again, it leaves every record uncertain.</summary>
    private async Task<ErrorFileReport> ReadErrorFileAsync(string errorFile, int recordCount, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await client.OpenErrorFileAsync(errorFile, cancellationToken);
            return await errorFiles.ReadAsync(stream, recordCount, cancellationToken);
        }
        catch (ErrorFileRejectedException rejected)
        {
            logger.ErrorFileRejected(rejected.Message);
            return ErrorFileReport.Rejected(rejected.Message);
        }
    }
}
