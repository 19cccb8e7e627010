using CampaignSync.Diagnostics;

namespace CampaignSync.Polling;

internal static partial class PollingLog
{
    [LoggerMessage(EventId = EventIds.Polling + 0, EventName = "NothingToPoll", Level = LogLevel.Debug,
        Message = "Batch {BatchId} is {State}: nothing to poll")]
    public static partial void NothingToPoll(this ILogger logger, long batchId, string? state);

    [LoggerMessage(EventId = EventIds.Polling + 1, EventName = "RequestStalled", Level = LogLevel.Warning,
        Message = "Batch {BatchId} is past its deadline after {Polls} polls and Campaign has not said it is done: its contacts stay held until it does or an operator abandons it")]
    public static partial void Stalled(this ILogger logger, long batchId, int polls);

    [LoggerMessage(EventId = EventIds.Polling + 2, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "Batch {BatchId} completed: {RecordCount} records, {FailedCount} failed, {AnomalyCount} error-file anomalies, update-count mismatch {CountMismatch}")]
    public static partial void Completed(this ILogger logger, long batchId, int recordCount, int failedCount, int anomalyCount, bool countMismatch);

    [LoggerMessage(EventId = EventIds.Polling + 20, EventName = "RequestFailedOnStatus", Level = LogLevel.Warning,
        Message = "Batch {BatchId} failed: the status call answered the permanent code {Code}")]
    public static partial void StatusFailed(this ILogger logger, long batchId, string? code);
}
