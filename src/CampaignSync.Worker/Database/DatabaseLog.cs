using CampaignSync.Diagnostics;

namespace CampaignSync.Database;

/// <summary>Log messages of the schema migrator (ids in the 1900 range, kept when it left <c>Hosting/</c>).</summary>
internal static partial class DatabaseLog
{
    [LoggerMessage(EventId = EventIds.Hosting + 20, EventName = "RolesMissing", Level = LogLevel.Warning,
        Message = "The database roles {Roles} do not exist and were granted nothing: the migrating user may not create roles; a DBA must create them (docs/database-roles.sql) and migrate must run again")]
    public static partial void RolesMissing(this ILogger logger, string roles);
}
