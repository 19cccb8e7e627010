using CampaignSync.Diagnostics;
using CampaignSync.Outbox;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Outcomes;

/// <summary>
/// The sink of the pipeline: ends a batch and writes the outcome of each of its rows, in one transaction, guarded so
/// that a second call for the same batch changes nothing. The only caller of <see cref="OutcomeSql"/>.
/// </summary>
internal sealed class OutcomeStore(NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, CampaignSyncMetrics metrics)
{
    /// <summary>Ends the batch (only from one of <paramref name="fromStates"/>) and writes its rows' outcomes.</summary>
    /// <returns>False when the batch had already left those states: nothing was written.</returns>
    public async Task<bool> FinishAsync(long batchId, string[] fromStates, BatchVerdict verdict, BatchFacts facts,
        CancellationToken cancellationToken)
    {
        var outbox = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
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
            return false;
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
        await transaction.CommitAsync(cancellationToken);
        foreach (var (outcome, code, count) in written)
        {
            metrics.RecordOutcomes(outcome, code, count);
        }

        return true;
    }
}
