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
    /// <returns>What was written; null when the batch had already left <paramref name="fromStates"/>.</returns>
    public async Task<WrittenOutcomes?> FinishAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, long batchId, string[] fromStates, BatchVerdict verdict, BatchFacts facts,
        CancellationToken cancellationToken)
    {
        var outbox = options.Value;
        var finished = (await connection.QueryAsync<(string State, double? RequestSeconds)>(new CommandDefinition(OutcomeSql.FinishBatch, new
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
        }, transaction, cancellationToken: cancellationToken))).ToList();
        if (finished.Count == 0)
        {
            return null;
        }

        var groups = await connection.QueryAsync<OutcomeGroup>(new CommandDefinition(OutcomeSql.WriteBack, new
        {
            batch_id = batchId,
            idx = verdict.Errors.Select(e => e.Index).ToArray(),
            codes = verdict.Errors.Select(e => e.Code).ToArray(),
            descs = verdict.Errors.Select(e => e.Description).ToArray(),
            retry = verdict.Errors.Select(e => e.Retryable).ToArray(),
            skipped = verdict.Errors.Select(e => e.Skipped).ToArray(),
            refused = verdict.Errors.Select(e => e.Refused).ToArray(),
            unanswered = verdict.Errors.Select(e => e.Unanswered).ToArray(),
            default_code = verdict.Default?.Code,
            default_description = verdict.Default?.Description,
            default_retry = verdict.Default?.Retryable ?? false,
            default_refused = verdict.Default?.Refused ?? false,
            max_attempts = outbox.MaxAttempts,
            max_refusals = outbox.MaxRefusals,
            base_delay_s = outbox.RetryBaseDelay.TotalSeconds,
            max_delay_s = outbox.RetryMaxDelay.TotalSeconds,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(OutcomeSql.ReleaseHolds, new
        {
            batch_id = batchId,
            unanswered_idx = verdict.Errors.Where(e => e.Unanswered).Select(e => e.Index).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        return new WrittenOutcomes(finished[0].State, finished[0].RequestSeconds, groups.ToList());
    }

    /// <summary>Lets go the holds kept past a finished batch for a write that got no answer, once its deadline passed.</summary>
    public async Task<int> ExpireKeptHoldsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(OutcomeSql.ExpireKeptHolds, cancellationToken: cancellationToken));
    }

    /// <summary>Counts rows written by <see cref="FinishAsync(NpgsqlConnection, NpgsqlTransaction, long, string[], BatchVerdict, BatchFacts, CancellationToken)"/> once committed.</summary>
    public void Record(WrittenOutcomes written)
    {
        foreach (var group in written.Groups)
        {
            metrics.RecordOutcomes(group.Outcome, group.Code, group.Count);
            metrics.RecordFinalLatencies(group.Outcome, group.FinalAges);
        }

        if (written.RequestSeconds is { } seconds)
        {
            metrics.RecordRequestDuration(written.BatchState, seconds);
        }
    }
}
