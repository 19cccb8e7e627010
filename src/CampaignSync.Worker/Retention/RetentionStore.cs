using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Retention;

/// <summary>
/// Deletes what <see cref="RetentionOptions"/> no longer keeps, one chunk per statement (each its own short
/// transaction), under a session advisory lock so only one replica runs a pass at a time; the only caller of
/// <see cref="RetentionSql"/>.
/// </summary>
internal sealed class RetentionStore(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options, ILogger<RetentionStore> logger)
{
    // Any constant unique to this application; pg_advisory_lock takes a bigint.
    public const long PassLockKey = 0x43_53_59_4E_43_52_45_54; // "CSYNCRET"

    /// <summary>One pass over every kind of record; null when another replica holds the pass lock.</summary>
    public async Task<RetentionResult?> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(RetentionSql.TryLock, new { key = PassLockKey }, cancellationToken: cancellationToken)))
        {
            logger.Busy();
            return null;
        }

        try
        {
            var settings = options.Value;
            var chunk = settings.ChunkSize;
            // Rows first: a batch goes only once no row or history line refers to it.
            var result = new RetentionResult(
                await DeleteInChunksAsync(connection, RetentionSql.DeleteFinalRows, settings.FinalRows, chunk, cancellationToken),
                await DeleteInChunksAsync(connection, RetentionSql.DeleteFailedRows, settings.FailedRows, chunk, cancellationToken),
                await DeleteInChunksAsync(connection, RetentionSql.DeleteBatches, settings.FinalRows, chunk, cancellationToken),
                await DeleteInChunksAsync(connection, RetentionSql.DeleteOperatorActions, settings.OperatorActions, chunk, cancellationToken),
                await DeleteInChunksAsync(connection, RetentionSql.DeleteCrmRuns, settings.CrmRuns, chunk, cancellationToken));
            logger.Passed(result.FinalRows, result.FailedRows, result.Batches, result.OperatorActions, result.CrmRuns);
            return result;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(RetentionSql.Unlock, new { key = PassLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>Runs <paramref name="sql"/> until a chunk comes back short (nothing older left, or only locked rows).</summary>
    private static async Task<long> DeleteInChunksAsync(NpgsqlConnection connection, string sql, TimeSpan age, int chunk, CancellationToken cancellationToken)
    {
        long total = 0;
        int deleted;
        do
        {
            deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { age, chunk }, cancellationToken: cancellationToken));
            total += deleted;
        }
        while (deleted == chunk);

        return total;
    }
}
