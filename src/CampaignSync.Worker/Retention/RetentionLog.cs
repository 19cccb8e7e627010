using CampaignSync.Diagnostics;

namespace CampaignSync.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(EventId = EventIds.Retention + 0, EventName = "RetentionPassed", Level = LogLevel.Information,
        Message = "Retention deleted {FinalRows} final rows, {FailedRows} failed or dead rows (each with its history), {Batches} batches, {OperatorActions} operator actions and {CrmRuns} CRM runs")]
    public static partial void Passed(this ILogger logger, long finalRows, long failedRows, long batches, long operatorActions, long crmRuns);

    [LoggerMessage(EventId = EventIds.Retention + 1, EventName = "RetentionBusy", Level = LogLevel.Debug,
        Message = "Retention skipped: another replica is running it")]
    public static partial void Busy(this ILogger logger);

    [LoggerMessage(EventId = EventIds.Polling + 4, EventName = "HangfireFailedJobsDeleted", Level = LogLevel.Information,
        Message = "Retention deleted {Count} Hangfire jobs that had failed longer ago than Retention:HangfireFailedJobs")]
    public static partial void FailedJobsDeleted(this ILogger logger, int count);
}
