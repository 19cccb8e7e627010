using CampaignSync.Diagnostics;

namespace CampaignSync.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = EventIds.Hosting + 0, EventName = "WorkerStarted", Level = LogLevel.Information,
        Message = "Sync worker {WorkerName} started")]
    public static partial void Started(this ILogger logger, string workerName);

    [LoggerMessage(EventId = EventIds.Hosting + 1, EventName = "RoundFailed", Level = LogLevel.Error,
        Message = "A claim round failed; retrying after the poll interval")]
    public static partial void RoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.Hosting + 2, EventName = "Paused", Level = LogLevel.Warning,
        Message = "Claiming is paused after Campaign answered {Code}; {Remaining} left")]
    public static partial void Paused(this ILogger logger, string? code, TimeSpan remaining);

    [LoggerMessage(EventId = EventIds.Hosting + 3, EventName = "Claimed", Level = LogLevel.Debug,
        Message = "Claimed {RowCount} rows: {ContactCount} contacts, {RejectedCount} rejected, {BatchCount} batches")]
    public static partial void Claimed(this ILogger logger, int rowCount, int contactCount, int rejectedCount, int batchCount);

    [LoggerMessage(EventId = EventIds.Hosting + 4, EventName = "Recovered", Level = LogLevel.Warning,
        Message = "Recovery: {ReleasedCount} rows with expired leases, {UnansweredCount} unanswered submits, {LostPollCount} lost polls")]
    public static partial void Recovered(this ILogger logger, int releasedCount, int unansweredCount, int lostPollCount);
}
