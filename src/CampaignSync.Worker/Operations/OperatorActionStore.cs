using Dapper;
using Npgsql;

namespace CampaignSync.Operations;

/// <summary>
/// Counts and applies operator actions on failed and dead rows, each in one statement that also records the action
/// (who, when, filter, how many, which rows). The only caller of <see cref="OperatorActionSql"/>.
/// </summary>
internal sealed class OperatorActionStore(NpgsqlDataSource dataSource)
{
    public async Task<ActionPreview> PreviewAsync(OperatorAction action, RowFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = action == OperatorAction.Retry ? OperatorActionSql.PreviewRetry : OperatorActionSql.PreviewDiscard;
        return await connection.QuerySingleAsync<ActionPreview>(new CommandDefinition(sql, Parameters(filter, "", ""),
            cancellationToken: cancellationToken));
    }

    public async Task<ActionRecord> ApplyAsync(OperatorAction action, RowFilter filter, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = action == OperatorAction.Retry ? OperatorActionSql.Retry : OperatorActionSql.Discard;
        var record = await connection.QuerySingleAsync<ActionRecord>(new CommandDefinition(sql,
            Parameters(filter, actor, filter.Describe()), transaction, cancellationToken: cancellationToken));
        if (action == OperatorAction.Retry && record.RowCount > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(OperatorActionSql.Wake, transaction: transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    private static object Parameters(RowFilter filter, string actor, string description) => new
    {
        code = filter.Code ?? "",
        older_than_s = filter.OlderThan?.TotalSeconds ?? -1d,
        ids = filter.Ids.ToArray(),
        by_description = filter.Description is not null,
        description = filter.Description ?? "",
        actor,
        filter = description,
    };
}
