using Dapper;
using Npgsql;

namespace CampaignSync.Outbox;

/// <summary>Reads <see cref="LaneProgress"/> for <c>status</c> and the dashboard's Overview.</summary>
internal static class LaneProgressReader
{
    /// <summary>The window the finishing rate is measured over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Per lane, live then bulk: unfinished rows (the open-rows index), and rows finished within @window, counted
    /// through the retention indexes on completed_at (one for succeeded and superseded rows, one for failed and dead).
    /// </summary>
    private const string Sql = """
        select l.lane as Lane,
               (select count(*) from campaign_sync.outbox o where o.state in ('pending', 'in_flight') and o.lane = l.lane) as RowsLeft,
               ((select count(*) from campaign_sync.outbox o
                 where o.state in ('succeeded', 'superseded') and o.completed_at > now() - @window and o.lane = l.lane)
                + (select count(*) from campaign_sync.outbox o
                   where o.state in ('failed', 'dead') and o.completed_at > now() - @window and o.lane = l.lane))::float8
                / extract(epoch from @window)::float8 as RowsPerSecond
        from (values (1, 'live'), (2, 'bulk')) as l(n, lane)
        order by l.n
        """;

    public static async Task<IReadOnlyList<LaneProgress>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<LaneProgress>(new CommandDefinition(Sql, new { window = Window }, cancellationToken: cancellationToken))).ToList();
}
