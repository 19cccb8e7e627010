using CampaignSync.Diagnostics;
using CampaignSync.Hosting.Operations;

namespace CampaignSync.Hosting.Dashboard;

/// <summary>Source-generated log messages of the dashboard, event ids 1960–1969 (Hosting's range).</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = EventIds.Hosting + 60, EventName = "DashboardActionApplied", Level = LogLevel.Information,
        Message = "Dashboard operator action {ActionId}: {Action} of {RowCount} rows")]
    public static partial void ActionApplied(this ILogger logger, long actionId, OperatorAction action, int rowCount);

    [LoggerMessage(EventId = EventIds.Hosting + 61, EventName = "DashboardActionRefused", Level = LogLevel.Warning,
        Message = "Dashboard refused a {Action} request: {Reason}")]
    public static partial void ActionRefused(this ILogger logger, OperatorAction action, string reason);

    [LoggerMessage(EventId = EventIds.Hosting + 62, EventName = "DashboardPauseSwitched", Level = LogLevel.Information,
        Message = "Dashboard pause switch set to paused={Paused} (operator action {ActionId}; none when it already was)")]
    public static partial void PauseSwitched(this ILogger logger, bool paused, long? actionId);

    [LoggerMessage(EventId = EventIds.Hosting + 63, EventName = "DashboardPauseSwitchRefused", Level = LogLevel.Warning,
        Message = "Dashboard refused to set the pause switch to paused={Paused}: {Reason}")]
    public static partial void PauseSwitchRefused(this ILogger logger, bool paused, string reason);
}
