using Dapper;
using Npgsql;

namespace CampaignSync.Operations;

/// <summary>
/// Reads and flips the operators' pause switch that every replica honours (the <c>pause</c> and <c>resume</c> verbs,
/// the dashboard's button). Flipping it and recording the operator action are one transaction; resuming also wakes
/// every replica's claim loop. The automatic pauses (<see cref="Pipeline.SubmissionPause"/>) are separate.
/// </summary>
internal sealed class PauseSwitchStore(NpgsqlDataSource dataSource)
{
    public async Task<PauseState> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<PauseState>(new CommandDefinition(OperatorActionSql.ReadPause, cancellationToken: cancellationToken));
    }

    /// <returns>The action's record; null when the switch was already in that position (nothing is recorded then).</returns>
    public async Task<ActionRecord?> SetAsync(bool paused, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleAsync<PauseState>(new CommandDefinition(OperatorActionSql.ReadPause + " for update",
            transaction: transaction, cancellationToken: cancellationToken));
        if (current.Paused == paused)
        {
            return null;
        }

        var record = await connection.QuerySingleAsync<ActionRecord>(new CommandDefinition(OperatorActionSql.SetPause,
            new { paused, actor }, transaction, cancellationToken: cancellationToken));
        if (!paused)
        {
            await connection.ExecuteAsync(new CommandDefinition(OperatorActionSql.Wake, transaction: transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return record;
    }
}
