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

    [LoggerMessage(EventId = EventIds.Polling + 3, EventName = "CrmScheduleRegistered", Level = LogLevel.Information,
        Message = "CRM sync scheduled as recurring job crm-sync: cron {Cron} in time zone {TimeZone}")]
    public static partial void CrmScheduleRegistered(this ILogger logger, string cron, string timeZone);

    [LoggerMessage(EventId = EventIds.Polling + 4, EventName = "HangfireFailedJobsDeleted", Level = LogLevel.Information,
        Message = "Retention deleted {Count} Hangfire jobs that had failed longer ago than Retention:HangfireFailedJobs")]
    public static partial void FailedJobsDeleted(this ILogger logger, int count);
}
