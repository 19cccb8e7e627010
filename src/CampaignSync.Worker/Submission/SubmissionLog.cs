using CampaignSync.Campaign;
using CampaignSync.Diagnostics;

namespace CampaignSync.Submission;

internal static partial class SubmissionLog
{
    [LoggerMessage(EventId = EventIds.Submission + 0, EventName = "BatchSubmitted", Level = LogLevel.Information,
        Message = "Batch {BatchId} submitted with {RecordCount} records")]
    public static partial void Submitted(this ILogger logger, long batchId, int recordCount);

    [LoggerMessage(EventId = EventIds.Submission + 1, EventName = "ClaimLapsed", Level = LogLevel.Warning,
        Message = "Claim {Fence} lapsed before its batch of {RecordCount} records was written; nothing was sent")]
    public static partial void ClaimLapsed(this ILogger logger, long fence, int recordCount);

    [LoggerMessage(EventId = EventIds.Submission + 2, EventName = "SubmitUnanswered", Level = LogLevel.Warning,
        Message = "Batch {BatchId} got no answer ({Code}); its rows wait for the request deadline")]
    public static partial void SubmitUnanswered(this ILogger logger, long batchId, string? code);

    [LoggerMessage(EventId = EventIds.Submission + 3, EventName = "BatchSplit", Level = LogLevel.Information,
        Message = "Batch {BatchId} of {RecordCount} records was rejected as a whole ({Code}); sending it in halves")]
    public static partial void Split(this ILogger logger, long batchId, int recordCount, string? code);

    [LoggerMessage(EventId = EventIds.Submission + 4, EventName = "StopAndAlert", Level = LogLevel.Critical,
        Message = "Campaign refused batch {BatchId} with {Code}: the key or configuration is wrong; claiming pauses")]
    public static partial void StopAndAlert(this ILogger logger, long batchId, string? code);

    [LoggerMessage(EventId = EventIds.Submission + 5, EventName = "BatchFailed", Level = LogLevel.Warning,
        Message = "Batch {BatchId} failed as a whole: {Kind} {Code}")]
    public static partial void BatchFailed(this ILogger logger, long batchId, string kind, string? code);

    [LoggerMessage(EventId = EventIds.Submission + 6, EventName = "DeletesDone", Level = LogLevel.Information,
        Message = "Delete batch {BatchId}: {RecordCount} calls, {FailedCount} failed")]
    public static partial void DeletesDone(this ILogger logger, long batchId, int recordCount, int failedCount);

    [LoggerMessage(EventId = EventIds.Submission + 7, EventName = "AcceptedTooLate", Level = LogLevel.Critical,
        Message = "Campaign accepted the request of batch {BatchId} after the batch had ended; its records may be applied twice")]
    public static partial void AcceptedTooLate(this ILogger logger, long batchId);

    [LoggerMessage(EventId = EventIds.Submission + 10, EventName = "UpsertsAnswered", Level = LogLevel.Information,
        Message = "Upsert batch {BatchId} sent with the {Transport} call: {RecordCount} records, {FailedCount} not applied")]
    public static partial void UpsertsAnswered(this ILogger logger, long batchId, UpsertTransport transport, int recordCount, int failedCount);
}
