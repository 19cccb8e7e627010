using CampaignSync.Diagnostics;

namespace CampaignSync.Crm;

/// <summary>
/// The CRM sync's log messages (ids 1700–1799). They carry run ids, paths, offsets, counts, statuses and the API's
/// error keys only: never the token, a contact's key, e-mail, phone number or any attribute value.
/// </summary>
internal static partial class CrmLog
{
    [LoggerMessage(EventId = EventIds.Crm + 0, EventName = "CrmRunStarted", Level = LogLevel.Information,
        Message = "CRM sync run {RunId} started ({Trigger}) into profile {ProfileName}")]
    public static partial void RunStarted(this ILogger logger, long runId, string trigger, string profileName);

    [LoggerMessage(EventId = EventIds.Crm + 1, EventName = "CrmPageRead", Level = LogLevel.Debug,
        Message = "GET {Path} offset {Offset}: {Rows} rows in {ElapsedMs} ms")]
    public static partial void PageRead(this ILogger logger, string path, int offset, int rows, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Crm + 2, EventName = "CrmRetryScheduled", Level = LogLevel.Warning,
        Message = "Wethod read retry {Attempt} in {DelayMs} ms after {Outcome}")]
    public static partial void RetryScheduled(this ILogger logger, int attempt, long delayMs, string outcome);

    [LoggerMessage(EventId = EventIds.Crm + 3, EventName = "CrmRunSucceeded", Level = LogLevel.Information,
        Message = "CRM sync run {RunId} wrote {Upserts} upserts and {Deletes} deletes ({ContactsRead} contacts read, {Unchanged} unchanged, {Skipped} skipped, {InvalidValues} invalid values) in {ElapsedMs} ms")]
    public static partial void RunSucceeded(
        this ILogger logger, long runId, int upserts, int deletes, int contactsRead, int unchanged, int skipped, int invalidValues, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Crm + 4, EventName = "CrmRunFailed", Level = LogLevel.Error,
        Message = "CRM sync run {RunId} failed ({Failure}) and wrote nothing: {Detail}")]
    public static partial void RunFailed(this ILogger logger, long runId, string failure, string detail);

    [LoggerMessage(EventId = EventIds.Crm + 5, EventName = "CrmDeleteBrake", Level = LogLevel.Error,
        Message = "CRM sync run {RunId} stopped at the delete brake and wrote nothing: {Deletes} deletes of {SyncedBefore} synced contacts is over {Share:P1}; confirm with crm-sync --confirm-deletes {RunId}")]
    public static partial void DeleteBrake(this ILogger logger, long runId, int deletes, int syncedBefore, double share);

    [LoggerMessage(EventId = EventIds.Crm + 6, EventName = "CrmRunBusy", Level = LogLevel.Warning,
        Message = "CRM sync not started: another run holds the run lock")]
    public static partial void RunBusy(this ILogger logger);

    [LoggerMessage(EventId = EventIds.Crm + 7, EventName = "CrmDeleteConfirmed", Level = LogLevel.Debug,
        Message = "Contact {ContactId} missing from the scan answered 404: confirmed gone")]
    public static partial void DeleteConfirmed(this ILogger logger, long contactId);

    [LoggerMessage(EventId = EventIds.Crm + 8, EventName = "CrmContactSkippedByPaging", Level = LogLevel.Information,
        Message = "Contact {ContactId} missing from the scan still exists: paging skipped it, so it is kept")]
    public static partial void SkippedByPaging(this ILogger logger, long contactId);

    [LoggerMessage(EventId = EventIds.Polling + 3, EventName = "CrmScheduleRegistered", Level = LogLevel.Information,
        Message = "CRM sync scheduled as recurring job crm-sync: cron {Cron} in time zone {TimeZone}")]
    public static partial void CrmScheduleRegistered(this ILogger logger, string cron, string timeZone);
}
