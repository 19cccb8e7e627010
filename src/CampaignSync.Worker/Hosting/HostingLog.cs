using CampaignSync.Diagnostics;

namespace CampaignSync.Hosting;

/// <summary>Source-generated log messages of <c>Hosting/</c>, event ids 1900–1999.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = EventIds.Hosting + 0, EventName = "PostgresServerFound", Level = LogLevel.Debug,
        Message = "Using PostgreSQL {MajorVersion} server programs in {Directory}")]
    public static partial void PostgresServerFound(this ILogger logger, int majorVersion, string directory);

    [LoggerMessage(EventId = EventIds.Hosting + 1, EventName = "PrivatePostgresStarted", Level = LogLevel.Information,
        Message = "Private PostgreSQL cluster in {DataDirectory} accepts connections on 127.0.0.1:{Port} after {ElapsedMs} ms")]
    public static partial void PrivatePostgresStarted(this ILogger logger, string dataDirectory, int port, long elapsedMs);

    [LoggerMessage(EventId = EventIds.Hosting + 2, EventName = "PrivatePostgresPortTaken", Level = LogLevel.Warning,
        Message = "Port {Port} was taken before the private PostgreSQL cluster could bind it (attempt {Attempt}); trying another")]
    public static partial void PrivatePostgresPortTaken(this ILogger logger, int port, int attempt);

    [LoggerMessage(EventId = EventIds.Hosting + 3, EventName = "PrivatePostgresStopped", Level = LogLevel.Information,
        Message = "Private PostgreSQL cluster in {DataDirectory} stopped and removed")]
    public static partial void PrivatePostgresStopped(this ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = EventIds.Hosting + 4, EventName = "PrivatePostgresStopFailed", Level = LogLevel.Warning,
        Message = "pg_ctl stop for {DataDirectory} exited with code {ExitCode}: {Output}; removing the folder, which makes the server exit within a minute")]
    public static partial void PrivatePostgresStopFailed(this ILogger logger, string dataDirectory, int exitCode, string output);

    [LoggerMessage(EventId = EventIds.Hosting + 5, EventName = "StalePostgresRemoved", Level = LogLevel.Information,
        Message = "Removed the private PostgreSQL cluster {DataDirectory} left behind by a process that is gone")]
    public static partial void StalePostgresRemoved(this ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = EventIds.Hosting + 6, EventName = "StalePostgresRemovalFailed", Level = LogLevel.Warning,
        Message = "Could not remove the stale private PostgreSQL cluster {DataDirectory}")]
    public static partial void StalePostgresRemovalFailed(this ILogger logger, string dataDirectory, Exception exception);

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

    [LoggerMessage(EventId = EventIds.Hosting + 20, EventName = "RolesMissing", Level = LogLevel.Warning,
        Message = "The database roles {Roles} do not exist and were granted nothing: the migrating user may not create roles; a DBA must create them (docs/database-roles.sql) and migrate must run again")]
    public static partial void RolesMissing(this ILogger logger, string roles);
}
