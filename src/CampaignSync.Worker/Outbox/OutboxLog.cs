using CampaignSync.Diagnostics;

namespace CampaignSync.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = EventIds.Outbox + 0, EventName = "ListenFailed", Level = LogLevel.Warning,
        Message = "Listening for outbox notifications failed; polling until the connection is back")]
    public static partial void ListenFailed(this ILogger logger, Exception exception);
}
