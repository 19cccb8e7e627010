using CampaignSync.Diagnostics;
using CampaignSync.Operations;

namespace CampaignSync.Dashboard;

/// <summary>Source-generated log messages of the dashboard, event ids 1960–1969 (Hosting's range).</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = EventIds.Hosting + 60, EventName = "DashboardActionApplied", Level = LogLevel.Information,
        Message = "Dashboard operator action {ActionId}: {Action} of {RowCount} rows")]
    public static partial void ActionApplied(this ILogger logger, long actionId, OperatorAction action, int rowCount);

    [LoggerMessage(EventId = EventIds.Hosting + 61, EventName = "DashboardActionRefused", Level = LogLevel.Warning,
        Message = "Dashboard refused a {Action} request: {Reason}")]
    public static partial void ActionRefused(this ILogger logger, OperatorAction action, string reason);

    [LoggerMessage(EventId = EventIds.Hosting + 62, EventName = "DashboardSignInFailed", Level = LogLevel.Warning,
        Message = "Dashboard sign-in failed from client {ClientAddress}: {Failures} of {Limit} failures allowed in the window")]
    public static partial void SignInFailed(this ILogger logger, string clientAddress, int failures, int limit);

    [LoggerMessage(EventId = EventIds.Hosting + 63, EventName = "DashboardSignInThrottled", Level = LogLevel.Warning,
        Message = "Dashboard sign-ins from client {ClientAddress} are refused with 429 for {RefusedFor} after {Failures} failures")]
    public static partial void SignInThrottled(this ILogger logger, string clientAddress, int failures, TimeSpan refusedFor);

    [LoggerMessage(EventId = EventIds.Hosting + 64, EventName = "DashboardPauseSwitched", Level = LogLevel.Information,
        Message = "Dashboard pause switch set to paused={Paused} (operator action {ActionId}; none when it already was)")]
    public static partial void PauseSwitched(this ILogger logger, bool paused, long? actionId);

    [LoggerMessage(EventId = EventIds.Hosting + 65, EventName = "DashboardPauseSwitchRefused", Level = LogLevel.Warning,
        Message = "Dashboard refused to set the pause switch to paused={Paused}: {Reason}")]
    public static partial void PauseSwitchRefused(this ILogger logger, bool paused, string reason);

    [LoggerMessage(EventId = EventIds.Hosting + 66, EventName = "DashboardCrmResyncEnqueued", Level = LogLevel.Information,
        Message = "Dashboard enqueued a full CRM resync as Hangfire job {JobId}")]
    public static partial void CrmResyncEnqueued(this ILogger logger, string jobId);

    [LoggerMessage(EventId = EventIds.Hosting + 67, EventName = "DashboardCrmResyncRefused", Level = LogLevel.Warning,
        Message = "Dashboard refused a full CRM resync: {Reason}")]
    public static partial void CrmResyncRefused(this ILogger logger, string reason);
}
