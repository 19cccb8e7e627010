using System.Reflection;
using CampaignSync.Polling;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace CampaignSync.Database;

/// <summary>
/// Applies the numbered scripts in <c>migrations/</c> (embedded in this assembly) with DbUp: one transaction per
/// script, a journal table, and a session advisory lock around the whole run, so replicas that start together
/// apply each script once and the others wait, then find nothing to do. It then installs Hangfire's schema (the worker
/// never runs DDL: its storage does not prepare a schema) and grants the group roles their privileges
/// (<c>grant_role_privileges</c>, migration 0017), every run, so roles a DBA created since are granted too.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The schema that holds every CampaignSync table, and the DbUp journal.</summary>
    public const string Schema = "campaign_sync";

    private const string JournalTable = "schema_versions";
    private const string ResourcePrefix = "migrations/";

    // Any constant unique to this application; pg_advisory_lock takes a bigint.
    private const long MigrationLockKey = 0x43_53_59_4E_43_4D_49_47; // "CSYNCMIG"

    /// <summary>The group roles the migrations create and grant (0006: writer; 0017: runtime and operator).</summary>
    private static readonly string[] GroupRoles = ["campaign_sync_operator", "campaign_sync_runtime", "campaign_sync_writer"];

    private static readonly Assembly ScriptAssembly = typeof(SchemaMigrator).Assembly;

    /// <summary>The number of scripts this build knows: the schema version it expects.</summary>
    public static int ExpectedVersion =>
        ScriptAssembly.GetManifestResourceNames().Count(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));

    /// <summary>
    /// Brings the database's schema up to <see cref="ExpectedVersion"/>, installs Hangfire's schema
    /// <paramref name="hangfireSchema"/> and grants the roles. Throws when a script fails.
    /// </summary>
    /// <returns>The scripts applied by this call (empty when the schema was current) and the roles that do not exist.</returns>
    public static MigrationResult Migrate(string connectionString, ILogger logger, string hangfireSchema = PollingOptions.DefaultHangfireSchema)
    {
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        Execute(lockConnection, $"select pg_advisory_lock({MigrationLockKey})");
        try
        {
            // The journal lives in our schema, so the schema must exist before DbUp looks for the journal.
            Execute(lockConnection, $"create schema if not exists {Schema}");
            var result = DeployChanges.To
                .PostgresqlDatabase(connectionString, Schema)
                .WithScriptsEmbeddedInAssembly(ScriptAssembly, n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                .JournalToPostgresqlTable(Schema, JournalTable)
                .WithTransactionPerScript()
                .LogTo(new MicrosoftUpgradeLog(logger))
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration script '{result.ErrorScript?.Name}' failed: {result.Error?.Message}", result.Error);
            }

            HangfireSchemaInstaller.Install(lockConnection, hangfireSchema);
            using var grant = new NpgsqlCommand($"select {Schema}.grant_role_privileges(@schema)", lockConnection);
            grant.Parameters.AddWithValue("schema", hangfireSchema);
            var missingRoles = (string[])grant.ExecuteScalar()!;
            if (missingRoles.Length > 0)
            {
                logger.RolesMissing(string.Join(", ", missingRoles));
            }

            return new MigrationResult(result.Scripts.Select(s => s.Name).ToList(), missingRoles);
        }
        finally
        {
            Execute(lockConnection, $"select pg_advisory_unlock({MigrationLockKey})");
        }
    }

    /// <summary>How many scripts the database's journal records (0 when it has never been migrated).</summary>
    public static async Task<int> AppliedVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // Two statements: Postgres resolves every relation a statement names before running it, so a single
        // "case when to_regclass(...) is null then 0 else (select count(*) ...)" fails on a never-migrated database.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand($"select to_regclass('{Schema}.{JournalTable}') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return 0;
        }

        await using var count = new NpgsqlCommand($"select count(*)::int from {Schema}.{JournalTable}", connection);
        return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The group roles of migrations 0006 and 0017 that do not exist in the cluster (empty when all do).</summary>
    public static async Task<IReadOnlyList<string>> MissingRolesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select r from unnest(@roles) r where not exists (select 1 from pg_roles where rolname = r) order by r", connection);
        command.Parameters.AddWithValue("roles", GroupRoles);
        var missing = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add(reader.GetString(0));
        }

        return missing;
    }

    /// <summary>The warning <c>migrate</c> and <c>status</c> print while roles are missing.</summary>
    public static string MissingRolesWarning(IReadOnlyList<string> missingRoles) =>
        $"WARNING: the database roles {string.Join(", ", missingRoles)} do not exist, so nothing was granted to them: the " +
        "migrating user may not create roles (no CREATEROLE). Until a DBA creates them (docs/database-roles.sql) and " +
        "`migrate` runs again, every component must use the owner's login, which can run DDL and rewrite the operator audit.";

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
