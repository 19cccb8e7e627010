using CampaignSync.Outcomes;
using Dapper;
using Npgsql;

namespace CampaignSync.Operations;

/// <summary>
/// Finds and abandons stalled requests. Abandoning ends the request as <c>expired / abandoned</c>, sends its rows back
/// (an attempt spent, as for any send) and frees its contacts, in one transaction with the operator action's record.
/// Only an operator can do this: Campaign may still apply the request later, after the rows were sent again.
/// </summary>
internal sealed class StalledRequestStore(NpgsqlDataSource dataSource, OutcomeStore outcomes)
{
    private static readonly string[] Open = ["submitted", "polling"];

    public async Task<StalledRequest?> FindAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StalledRequest>(new CommandDefinition(OperatorActionSql.FindStalled,
            new { batch_id = batchId }, cancellationToken: cancellationToken));
    }

    /// <returns>The action's record; null when the batch is not (or no longer) a stalled request.</returns>
    public async Task<ActionRecord?> AbandonAsync(long batchId, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stalled = await connection.QuerySingleOrDefaultAsync<StalledRequest>(new CommandDefinition(OperatorActionSql.FindStalled + " for update",
            new { batch_id = batchId }, transaction, cancellationToken: cancellationToken));
        if (stalled is null)
        {
            return null;
        }

        var record = await connection.QuerySingleAsync<ActionRecord>(new CommandDefinition(OperatorActionSql.RecordAbandon,
            new { batch_id = batchId, actor }, transaction, cancellationToken: cancellationToken));
        var verdict = BatchVerdict.All("expired", "abandoned",
            $"abandoned by operator action {record.ActionId}: Campaign still reported the request processing past its deadline", retryable: true);
        var written = await outcomes.FinishAsync(connection, transaction, batchId, Open, verdict, BatchFacts.None, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(OperatorActionSql.Wake, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        if (written is not null)
        {
            outcomes.Record(written);
        }

        return record;
    }
}
