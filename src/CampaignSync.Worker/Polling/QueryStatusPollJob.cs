using CampaignSync.Campaign;
using CampaignSync.Diagnostics;
using CampaignSync.ErrorFiles;
using CampaignSync.Outcomes;
using CampaignSync.Pipeline;
using CampaignSync.Submission;
using Hangfire;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CampaignSync.Polling;

/// <summary>
/// The Hangfire entry point that follows one async request: asks the status API, and while the request is still
/// processing schedules itself again with a growing delay; once done, reads the error file and writes every
/// record's outcome back in one statement. Past the deadline it keeps asking: the request is marked stalled and its
/// contacts stay held until Campaign answers or an operator abandons it. Short runs only (no waiting inside a job, so the invisibility timeout never bites). Reentrant: every
/// write is guarded by the batch's state, so a second run for the same batch changes nothing.
/// </summary>
internal sealed class QueryStatusPollJob(
    ICampaignClient client,
    BatchStore batches,
    OutcomeStore outcomes,
    ErrorFileReader errorFiles,
    SkippedRecordCheck skippedRecords,
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

        // A permanent code from the status call is the request's answer, not "still processing": it ends with that code.
        if (reply.Kind == CampaignOutcomeKind.PermanentFailure)
        {
            var failed = BatchVerdict.All("failed", reply.Code ?? "unknown", reply.Description ?? "the status call answered a permanent failure", retryable: false);
            if (await outcomes.FinishAsync(batchId, Open, failed, BatchFacts.None, cancellationToken))
            {
                logger.StatusFailed(batchId, reply.Code);
            }

            return;
        }

        if (reply.Kind is CampaignOutcomeKind.StopAndAlert or CampaignOutcomeKind.RefreshAndRetry)
        {
            pause.Trip(reply.Code);
        }

        // Past the deadline the request is asked on, never given up by itself: while Campaign may still apply it,
        // sending its records again could land before it. Its contacts stay held; the dashboard and a metric show it.
        if (batch.PastDeadline && await batches.MarkStalledAsync(batchId, cancellationToken))
        {
            metrics.RecordPoll("stalled");
            logger.Stalled(batchId, batch.Polls);
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
        var failingIndexes = report.Errors.Select(e => e.Index).ToHashSet();
        var failing = failingIndexes.Count;
        var expectedUpdates = batch.RecordCount - failing;

        // A create-only or update-only request whose count is short is narrowed down: Campaign skipped some records by
        // their mode's rule, and reading them back tells which; those succeed with the skip's code.
        IReadOnlyList<RecordError> skipped = [];
        if (!report.Uncertain && status.UpdateCount < expectedUpdates && SkippedRecordCheck.Applies(batch)
            && await skippedRecords.FindAsync(batch, failingIndexes, cancellationToken) is { } found)
        {
            skipped = found;
            expectedUpdates -= found.Count;
        }

        var mismatch = status.UpdateCount is { } count && count != expectedUpdates;

        // Records with no error line succeeded, unless the error file could not be read whole or the API counts fewer
        // updates than that: then they are unverified and sent again (an upsert sent twice is harmless) until the
        // attempts run out and they are dead.
        var unverified = report.Uncertain || status.UpdateCount < expectedUpdates;
        var verdict = new BatchVerdict("completed", [.. report.Errors, .. skipped],
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
