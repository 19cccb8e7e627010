using CampaignSync.Diagnostics;
using Dapper;
using Npgsql;

namespace CampaignSync.Outbox;

/// <summary>Claims, releases and rejects outbox rows. The only caller of <see cref="OutboxSql"/>.</summary>
internal sealed class OutboxStore(NpgsqlDataSource dataSource, CampaignSyncMetrics metrics)
{
    /// <summary>Claims due contacts after <paramref name="afterId"/>; rows come back in id order.</summary>
    public async Task<IReadOnlyList<ClaimedChange>> ClaimAsync(
        string owner, long afterId, int maxContacts, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimedChange>(new CommandDefinition(OutboxSql.Claim,
            new { owner, after_id = afterId, max_contacts = maxContacts, lease },
            cancellationToken: cancellationToken));
        return rows.OrderBy(r => r.Id).ToList();
    }

    public async Task<int> ReleaseAsync(IReadOnlyCollection<long> ids, long fence, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(OutboxSql.Release,
            new { ids = ids.ToArray(), fence }, cancellationToken: cancellationToken));
    }

    public async Task<int> RejectAsync(IReadOnlyList<RejectedChange> rejected, long fence, CancellationToken cancellationToken)
    {
        if (rejected.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var count = await connection.ExecuteAsync(new CommandDefinition(OutboxSql.Reject, new
        {
            ids = rejected.Select(r => r.Id).ToArray(),
            codes = rejected.Select(r => r.Code).ToArray(),
            reasons = rejected.Select(r => r.Reason).ToArray(),
            fence,
        }, cancellationToken: cancellationToken));
        metrics.RecordOutcomes("failed", ChangeValidator.InvalidRowCode, count);
        return count;
    }

    public async Task<int> ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(OutboxSql.ExpireLeases, cancellationToken: cancellationToken));
    }
}
