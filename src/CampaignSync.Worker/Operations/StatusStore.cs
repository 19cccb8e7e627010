using CampaignSync.Outbox;
using Dapper;
using Npgsql;

namespace CampaignSync.Operations;

/// <summary>Counts (and the pause switch) for <c>status</c> and the demo; the only caller of <see cref="StatusSql"/>.</summary>
internal sealed class StatusStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every outbox state, including those with no rows, in lifecycle order.</summary>
    public static readonly string[] OutboxStates = ["pending", "in_flight", "succeeded", "failed", "dead", "superseded"];

    /// <summary>Every batch state, in lifecycle order.</summary>
    public static readonly string[] BatchStates = ["submitting", "submitted", "polling", "completed", "failed", "expired"];

    /// <summary>Counts by state for rows with ids in [<paramref name="firstId"/>, <paramref name="lastId"/>].</summary>
    public async Task<StatusReport> ReadAsync(long firstId, long lastId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var range = new { first_id = firstId, last_id = lastId };
        var outbox = await connection.QueryAsync<(string Name, long Count)>(new CommandDefinition(StatusSql.OutboxByState, range, cancellationToken: cancellationToken));
        var batches = await connection.QueryAsync<(string Name, long Count)>(new CommandDefinition(StatusSql.BatchesByState, cancellationToken: cancellationToken));
        var age = await connection.ExecuteScalarAsync<double>(new CommandDefinition(StatusSql.OldestPendingAgeSeconds, range, cancellationToken: cancellationToken));
        var lanes = await LaneProgressReader.ReadAsync(connection, cancellationToken);
        var pause = await new PauseSwitchStore(dataSource).ReadAsync(cancellationToken);
        return new StatusReport(Complete(OutboxStates, outbox), Complete(BatchStates, batches), Math.Round(age, 1), lanes, pause);
    }

    public async Task<IReadOnlyList<OutcomeCount>> FinalByCodeAsync(long firstId, long lastId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutcomeCount>(new CommandDefinition(StatusSql.FinalByCode,
            new { first_id = firstId, last_id = lastId }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private static Dictionary<string, long> Complete(string[] states, IEnumerable<(string Name, long Count)> counts)
    {
        var result = states.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var (name, count) in counts)
        {
            result[name] = count;
        }

        return result;
    }
}
