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
            CommandDefinition Chunk(string sql, TimeSpan age) => new(sql, new { age, chunk }, cancellationToken: cancellationToken);
            // Rows first: a batch goes only once no row or history line refers to it.
            var result = new RetentionResult(
                await DeleteInChunksAsync(() => connection.ExecuteAsync(Chunk(RetentionSql.DeleteFinalRows, settings.FinalRows)), chunk),
                await DeleteInChunksAsync(() => connection.ExecuteAsync(Chunk(RetentionSql.DeleteFailedRows, settings.FailedRows)), chunk),
                await DeleteInChunksAsync(() => connection.ExecuteAsync(Chunk(RetentionSql.DeleteBatches, settings.FinalRows)), chunk),
                // A function, not a DELETE: it returns the count it deleted.
                await DeleteInChunksAsync(() => connection.ExecuteScalarAsync<int>(Chunk(RetentionSql.DeleteOperatorActions, settings.OperatorActions)), chunk),
                await DeleteInChunksAsync(() => connection.ExecuteAsync(Chunk(RetentionSql.DeleteCrmRuns, settings.CrmRuns)), chunk));
            logger.Passed(result.FinalRows, result.FailedRows, result.Batches, result.OperatorActions, result.CrmRuns);
            return result;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(RetentionSql.Unlock, new { key = PassLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>Runs <paramref name="deleteChunk"/> until a chunk comes back short (nothing older left, or only locked rows).</summary>
    private static async Task<long> DeleteInChunksAsync(Func<Task<int>> deleteChunk, int chunk)
    {
        long total = 0;
        int deleted;
        do
        {
            deleted = await deleteChunk();
            total += deleted;
        }
        while (deleted == chunk);

        return total;
    }
}
