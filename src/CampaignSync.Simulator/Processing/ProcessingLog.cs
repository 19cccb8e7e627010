namespace CampaignSync.Simulator.Processing;

/// <summary>Source-generated logs of async processing. Never keys, tokens or attribute values.</summary>
internal static partial class ProcessingLog
{
    [LoggerMessage(EventId = 2001, EventName = "AsyncRequestAccepted", Level = LogLevel.Information,
        Message = "Accepted async request {RequestId} with {RecordCount} records")]
    public static partial void AsyncRequestAccepted(this ILogger logger, string requestId, int recordCount);

    [LoggerMessage(EventId = 2002, EventName = "AsyncRequestProcessed", Level = LogLevel.Information,
        Message = "Processed async request {RequestId}: {UpdateCount} applied, error file {HasErrorFile}")]
    public static partial void AsyncRequestProcessed(this ILogger logger, string requestId, long updateCount, bool hasErrorFile);
}
