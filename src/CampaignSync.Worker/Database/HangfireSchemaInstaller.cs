using Hangfire.PostgreSql;
using Npgsql;

namespace CampaignSync.Database;

/// <summary>
/// Installs or upgrades Hangfire's tables, from <c>migrate</c> only: the worker's storage never prepares a schema
/// (<c>PrepareSchemaIfNecessary</c> is off), so the runtime credential needs no DDL. Here, beside the
/// <see cref="SchemaMigrator"/> that calls it, because only <c>migrate</c> runs DDL; Hangfire's storage and server are
/// in <c>Scheduling/</c>.
/// </summary>
internal static class HangfireSchemaInstaller
{
    public static void Install(NpgsqlConnection connection, string schema) => PostgreSqlObjectsInstaller.Install(connection, schema);
}
