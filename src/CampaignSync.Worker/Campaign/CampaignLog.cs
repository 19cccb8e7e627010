using CampaignSync.Diagnostics;

namespace CampaignSync.Campaign;

/// <summary>
/// The Campaign client's log messages (ids 1300–1349). They carry request ids, counts, codes and timings only:
/// never a key, a profile key, an attribute value, an error-file URL (it may be signed) or a description
/// (the API echoes rejected values in it).
/// </summary>
internal static partial class CampaignLog
{
    [LoggerMessage(EventId = EventIds.Campaign + 0, EventName = "UpsertSubmitted", Level = LogLevel.Information,
        Message = "Upsert batch of {ContactCount} contacts accepted as request {RequestId} in {ElapsedMs} ms")]
    public static partial void UpsertSubmitted(this ILogger logger, int contactCount, string requestId, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 1, EventName = "UpsertNotAccepted", Level = LogLevel.Warning,
        Message = "Upsert batch of {ContactCount} contacts not accepted: {Kind}, HTTP {HttpStatus}, code {Code}, after {ElapsedMs} ms")]
    public static partial void UpsertNotAccepted(
        this ILogger logger, int contactCount, CampaignOutcomeKind kind, int httpStatus, string? code, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 2, EventName = "DeleteAnswered", Level = LogLevel.Debug,
        Message = "Delete answered {Kind}, HTTP {HttpStatus}, code {Code}, in {ElapsedMs} ms")]
    public static partial void DeleteAnswered(this ILogger logger, CampaignOutcomeKind kind, int httpStatus, string? code, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 3, EventName = "StatusAnswered", Level = LogLevel.Debug,
        Message = "Status of request {RequestId}: done {IsDone}, update count {UpdateCount}, in {ElapsedMs} ms")]
    public static partial void StatusAnswered(this ILogger logger, string requestId, bool isDone, long? updateCount, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 4, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "{Endpoint} call for request {RequestId} failed: {Kind}, HTTP {HttpStatus}, code {Code}, after {ElapsedMs} ms")]
    public static partial void CallFailed(
        this ILogger logger, CampaignEndpoint endpoint, string? requestId, CampaignOutcomeKind kind, int httpStatus, string? code, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 5, EventName = "RetryScheduled", Level = LogLevel.Warning,
        Message = "{Endpoint} call retry {Attempt} in {DelayMs} ms after {Outcome}")]
    public static partial void RetryScheduled(this ILogger logger, CampaignEndpoint endpoint, int attempt, long delayMs, string outcome);

    [LoggerMessage(EventId = EventIds.Campaign + 6, EventName = "ApiKeySwitched", Level = LogLevel.Warning,
        Message = "{Endpoint} call answered 498 with {RejectedKey}; switching to {NextKey}")]
    public static partial void ApiKeySwitched(this ILogger logger, CampaignEndpoint endpoint, string rejectedKey, string nextKey);

    [LoggerMessage(EventId = EventIds.Campaign + 7, EventName = "ApiKeysRejected", Level = LogLevel.Error,
        Message = "{Endpoint} call answered 498 and no other key works: credentials need an operator")]
    public static partial void ApiKeysRejected(this ILogger logger, CampaignEndpoint endpoint);

    [LoggerMessage(EventId = EventIds.Campaign + 8, EventName = "CircuitOpened", Level = LogLevel.Error,
        Message = "Campaign API circuit opened for {BreakMs} ms after repeated server faults")]
    public static partial void CircuitOpened(this ILogger logger, long breakMs);

    [LoggerMessage(EventId = EventIds.Campaign + 9, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "Campaign API circuit closed: calls flow again")]
    public static partial void CircuitClosed(this ILogger logger);

    [LoggerMessage(EventId = EventIds.Campaign + 10, EventName = "ErrorFileOpened", Level = LogLevel.Information,
        Message = "Error file opened (HTTP {HttpStatus}, {ContentLength} bytes announced) in {ElapsedMs} ms")]
    public static partial void ErrorFileOpened(this ILogger logger, int httpStatus, long? contentLength, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 11, EventName = "ErrorFileFailed", Level = LogLevel.Warning,
        Message = "Error file download answered HTTP {HttpStatus} after {ElapsedMs} ms")]
    public static partial void ErrorFileFailed(this ILogger logger, int httpStatus, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Campaign + 12, EventName = "ErrorFileRejected", Level = LogLevel.Warning,
        Message = "Error file not read: {Reason} Its records are left unverified.")]
    public static partial void ErrorFileRejected(this ILogger logger, string reason);

    [LoggerMessage(EventId = EventIds.Campaign + 13, EventName = "RateBudgetHeldOff", Level = LogLevel.Information,
        Message = "Campaign answered 429 with Retry-After: no replica calls it for the next {RetryAfterMs} ms")]
    public static partial void RateBudgetHeldOff(this ILogger logger, long retryAfterMs);

    [LoggerMessage(EventId = EventIds.Campaign + 14, EventName = "RateBudgetUnavailable", Level = LogLevel.Warning,
        Message = "The shared rate budget could not be read or written; the call is not sent now")]
    public static partial void RateBudgetUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.Campaign + 15, EventName = "RateSlotMissed", Level = LogLevel.Debug,
        Message = "A call could not start within its rate slot ({LateMs} ms late); it takes a new slot")]
    public static partial void RateSlotMissed(this ILogger logger, long lateMs);

    [LoggerMessage(EventId = EventIds.Campaign + 16, EventName = "MetadataRead", Level = LogLevel.Information,
        Message = "Profile metadata read: {ProfileCount} profiles, {AttributeCount} attributes")]
    public static partial void MetadataRead(this ILogger logger, int profileCount, int attributeCount);

    [LoggerMessage(EventId = EventIds.Campaign + 17, EventName = "MetadataUnavailable", Level = LogLevel.Warning,
        Message = "Profile metadata could not be read ({Kind}, code {Code}); rows are checked against the last copy, or by Campaign alone when there is none")]
    public static partial void MetadataUnavailable(this ILogger logger, CampaignOutcomeKind kind, string? code);

    [LoggerMessage(EventId = EventIds.Campaign + 18, EventName = "UpsertAnswered", Level = LogLevel.Debug,
        Message = "{Endpoint} of {RecordCount} records answered {Kind}, HTTP {HttpStatus}, code {Code}, in {ElapsedMs} ms")]
    public static partial void UpsertAnswered(
        this ILogger logger, CampaignEndpoint endpoint, int recordCount, CampaignOutcomeKind kind, int httpStatus, string? code, long elapsedMs);
}
