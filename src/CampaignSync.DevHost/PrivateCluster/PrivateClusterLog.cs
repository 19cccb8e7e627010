using CampaignSync.Diagnostics;

namespace CampaignSync.DevHost.PrivateCluster;

/// <summary>Log messages of the private PostgreSQL cluster (ids 1900–1909, kept when it left the worker for the development host).</summary>
internal static partial class PrivateClusterLog
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
}
