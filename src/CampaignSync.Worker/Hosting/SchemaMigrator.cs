using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace CampaignSync.Hosting;

/// <summary>
/// Applies the numbered scripts in <c>migrations/</c> (embedded in this assembly) with DbUp: one transaction per
/// script, a journal table, and a session advisory lock around the whole run, so replicas that start together
/// apply each script once and the others wait, then find nothing to do.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The schema that holds every CampaignSync table, and the DbUp journal.</summary>
    public const string Schema = "campaign_sync";

    private const string JournalTable = "schema_versions";
    private const string ResourcePrefix = "migrations/";

    // Any constant unique to this application; pg_advisory_lock takes a bigint.
    private const long MigrationLockKey = 0x43_53_59_4E_43_4D_49_47; // "CSYNCMIG"

    private static readonly Assembly ScriptAssembly = typeof(SchemaMigrator).Assembly;

    /// <summary>The number of scripts this build knows: the schema version it expects.</summary>
    public static int ExpectedVersion =>
        ScriptAssembly.GetManifestResourceNames().Count(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));

    /// <summary>Brings the database's schema up to <see cref="ExpectedVersion"/>. Throws when a script fails.</summary>
    /// <returns>The names of the scripts applied by this call (empty when the schema was current).</returns>
    public static IReadOnlyList<string> Migrate(string connectionString, ILogger logger)
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

            return result.Scripts.Select(s => s.Name).ToList();
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

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
