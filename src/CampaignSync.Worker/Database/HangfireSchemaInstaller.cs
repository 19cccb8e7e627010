using Hangfire.PostgreSql;
using Npgsql;

namespace CampaignSync.Database;

/// <summary>
/// Installs or upgrades Hangfire's tables, from <c>migrate</c> only: the worker's storage never prepares a schema
/// (<c>PrepareSchemaIfNecessary</c> is off), so the runtime credential needs no DDL. Here so Hangfire types stay in Polling/.
/// </summary>
internal static class HangfireSchemaInstaller
{
    public static void Install(NpgsqlConnection connection, string schema) => PostgreSqlObjectsInstaller.Install(connection, schema);
}
