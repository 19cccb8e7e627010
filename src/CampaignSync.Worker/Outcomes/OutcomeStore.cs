using CampaignSync.Diagnostics;
using CampaignSync.Outbox;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Outcomes;

/// <summary>
/// The sink of the pipeline: ends a batch, writes the outcome of each of its rows and frees its contacts' holds, in one
/// transaction, guarded so that a second call for the same batch changes nothing. The only caller of <see cref="OutcomeSql"/>.
/// </summary>
internal sealed class OutcomeStore(NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, CampaignSyncMetrics metrics)
{
    /// <summary>Ends the batch (only from one of <paramref name="fromStates"/>) and writes its rows' outcomes.</summary>
    /// <returns>False when the batch had already left those states: nothing was written.</returns>
    public async Task<bool> FinishAsync(long batchId, string[] fromStates, BatchVerdict verdict, BatchFacts facts,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await FinishAsync(connection, transaction, batchId, fromStates, verdict, facts, cancellationToken);
        if (written is null)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        Record(written);
        return true;
    }

    /// <summary>The same inside a caller's transaction (an operator action recorded with it); metrics once it commits.</summary>
    /// <returns>Rows written by (outcome, code); null when the batch had already left <paramref name="fromStates"/>.</returns>
    public async Task<IReadOnlyList<(string Outcome, string? Code, long Count)>?> FinishAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, long batchId, string[] fromStates, BatchVerdict verdict, BatchFacts facts,
        CancellationToken cancellationToken)
    {
        var outbox = options.Value;
        var finished = await connection.ExecuteAsync(new CommandDefinition(OutcomeSql.FinishBatch, new
        {
            batch_id = batchId,
            from_states = fromStates,
            to_state = verdict.BatchState,
            code = verdict.Default?.Code,
            description = verdict.Default?.Description,
            update_count = facts.UpdateCount,
            error_lines = facts.ErrorLines,
            count_mismatch = facts.CountMismatch,
            anomalies = facts.AnomaliesJson,
        }, transaction, cancellationToken: cancellationToken));
        if (finished == 0)
        {
            return null;
        }

        var written = await connection.QueryAsync<(string Outcome, string? Code, long Count)>(new CommandDefinition(OutcomeSql.WriteBack, new
        {
            batch_id = batchId,
            idx = verdict.Errors.Select(e => e.Index).ToArray(),
            codes = verdict.Errors.Select(e => e.Code).ToArray(),
            descs = verdict.Errors.Select(e => e.Description).ToArray(),
            retry = verdict.Errors.Select(e => e.Retryable).ToArray(),
            skipped = verdict.Errors.Select(e => e.Skipped).ToArray(),
            refused = verdict.Errors.Select(e => e.Refused).ToArray(),
            default_code = verdict.Default?.Code,
            default_description = verdict.Default?.Description,
            default_retry = verdict.Default?.Retryable ?? false,
            default_refused = verdict.Default?.Refused ?? false,
            max_attempts = outbox.MaxAttempts,
            max_refusals = outbox.MaxRefusals,
            base_delay_s = outbox.RetryBaseDelay.TotalSeconds,
            max_delay_s = outbox.RetryMaxDelay.TotalSeconds,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(OutcomeSql.ReleaseHolds, new { batch_id = batchId }, transaction,
            cancellationToken: cancellationToken));
        return written.ToList();
    }

    /// <summary>Counts rows written by <see cref="FinishAsync(NpgsqlConnection, NpgsqlTransaction, long, string[], BatchVerdict, BatchFacts, CancellationToken)"/> once committed.</summary>
    public void Record(IEnumerable<(string Outcome, string? Code, long Count)> written)
    {
        foreach (var (outcome, code, count) in written)
        {
            metrics.RecordOutcomes(outcome, code, count);
        }
    }
}
