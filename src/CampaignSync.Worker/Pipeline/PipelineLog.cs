using CampaignSync.Diagnostics;

namespace CampaignSync.Pipeline;

/// <summary>Log messages of the claim loop, its recovery and the pauses; their ids were kept when these classes left <c>Hosting/</c> and <c>Submission/</c> (issue 17).</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = EventIds.Hosting + 10, EventName = "WorkerStarted", Level = LogLevel.Information,
        Message = "Sync worker {WorkerName} started")]
    public static partial void Started(this ILogger logger, string workerName);

    [LoggerMessage(EventId = EventIds.Hosting + 11, EventName = "RoundFailed", Level = LogLevel.Error,
        Message = "A claim round failed; retrying after the poll interval")]
    public static partial void RoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.Hosting + 12, EventName = "Paused", Level = LogLevel.Warning,
        Message = "Claiming is paused after Campaign answered {Code}; {Remaining} left")]
    public static partial void Paused(this ILogger logger, string? code, TimeSpan remaining);

    [LoggerMessage(EventId = EventIds.Hosting + 13, EventName = "Claimed", Level = LogLevel.Debug,
        Message = "Claimed {RowCount} rows: {ContactCount} contacts, {RejectedCount} rejected, {DeferredCount} left for the contact's next request, {BatchCount} batches")]
    public static partial void Claimed(this ILogger logger, int rowCount, int contactCount, int rejectedCount, int deferredCount, int batchCount);

    [LoggerMessage(EventId = EventIds.Hosting + 14, EventName = "Recovered", Level = LogLevel.Warning,
        Message = "Recovery: {ReleasedCount} rows with expired leases, {UnansweredCount} unanswered submits, {LostPollCount} lost polls")]
    public static partial void Recovered(this ILogger logger, int releasedCount, int unansweredCount, int lostPollCount);

    [LoggerMessage(EventId = EventIds.Hosting + 15, EventName = "SubmitFailed", Level = LogLevel.Error,
        Message = "Sending a batch of {RecordCount} records failed; its rows come back through their lease or the recovery sweep")]
    public static partial void SubmitFailed(this ILogger logger, int recordCount, Exception exception);

    [LoggerMessage(EventId = EventIds.Hosting + 16, EventName = "LateRows", Level = LogLevel.Information,
        Message = "{LateCount} claimed rows committed after newer rows of their contact were applied: {CoveredCount} covered, {ReplayCount} deletes replayed")]
    public static partial void LateRows(this ILogger logger, int lateCount, int coveredCount, int replayCount);

    [LoggerMessage(EventId = EventIds.Submission + 8, EventName = "PausedByOperator", Level = LogLevel.Warning,
        Message = "Paused by operator action {ActionId}: this replica claims and submits nothing until resume")]
    public static partial void PausedByOperator(this ILogger logger, long? actionId);

    [LoggerMessage(EventId = EventIds.Submission + 9, EventName = "ResumedByOperator", Level = LogLevel.Information,
        Message = "Resumed by operator action {ActionId}: claiming again")]
    public static partial void ResumedByOperator(this ILogger logger, long? actionId);
}
