using CampaignSync.Diagnostics;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Outbox;

/// <summary>Claims contacts and rejects outbox rows. The only caller of <see cref="OutboxSql"/>.</summary>
internal sealed class OutboxStore(NpgsqlDataSource dataSource, CampaignSyncMetrics metrics, IOptions<OutboxOptions> options)
{
    /// <summary>The code of rows whose claims lapsed Outbox:MaxAttempts times.</summary>
    public const string LeaseExpiredCode = "lease_expired";

    /// <summary>
    /// Claims due contacts for <paramref name="lease"/>: up to <paramref name="maxContacts"/> by their first live row
    /// after <paramref name="cursor"/>'s live keyset, then by their oldest row after its keyset, up to
    /// <paramref name="maxOldestContacts"/> in all; their pending rows come back in id order (still pending: see
    /// <see cref="OutboxSql.Claim"/>).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedChange>> ClaimAsync(ClaimCursor cursor, int maxContacts, int maxOldestContacts, TimeSpan lease,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(OutboxSql.ClaimWithoutJit, transaction: transaction, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ClaimedChange>(new CommandDefinition(OutboxSql.Claim, new
        {
            after_id = cursor.AfterId,
            live_after_id = cursor.LiveAfterId,
            max_contacts = maxContacts,
            max_oldest_contacts = maxOldestContacts,
            lease,
            max_rows_per_contact = options.Value.MaxRowsPerContact,
            max_attribute_bytes = options.Value.MaxAttributeBytes,
        }, transaction, commandTimeout: ClaimTimeoutSeconds(lease), cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        var claimed = rows.OrderBy(r => r.Id).ToList();
        metrics.RecordClaimed(claimed.Count);
        return claimed;
    }

    /// <summary>The rows the next claims would take, read without claiming (<see cref="OutboxSql.ReadDue"/>), in id order.</summary>
    public async Task<IReadOnlyList<ClaimedChange>> ReadDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimedChange>(new CommandDefinition(OutboxSql.ReadDue, new
        {
            max_rows_per_contact = options.Value.MaxRowsPerContact,
            max_attribute_bytes = options.Value.MaxAttributeBytes,
        }, cancellationToken: cancellationToken));
        return rows.OrderBy(r => r.Id).ToList();
    }

    // A claim walks the pending rows up to the contacts it takes: a writer that piled up a million rows for one key
    // makes every scan pass them, and on a loaded server that outlasted Npgsql's 30 s default, so the claim failed and
    // started over for ever while the other contacts waited. Half the lease instead: the holds it takes outlive it.
    private static int ClaimTimeoutSeconds(TimeSpan lease) => Math.Max(30, (int)(lease.TotalSeconds / 2));

    /// <summary>Fails rows the worker cannot send, each with its reason.</summary>
    public Task<int> RejectAsync(IReadOnlyList<RejectedChange> rejected, long fence, CancellationToken cancellationToken) =>
        FinishAsync("failed", rejected, fence, cancellationToken);

    /// <summary>Ends late rows that newer rows already applied in Campaign cover entirely; they are not sent.</summary>
    public Task<int> SupersedeAsync(IReadOnlyList<RejectedChange> covered, long fence, CancellationToken cancellationToken) =>
        FinishAsync("superseded", covered, fence, cancellationToken);

    /// <summary>
    /// The rows of <paramref name="contacts"/> that Campaign already applied after each contact's given fold position,
    /// in id order.
    /// </summary>
    public async Task<IReadOnlyList<AppliedChange>> LoadAppliedAfterAsync(
        IReadOnlyList<(string ProfileName, string ProfileKey, long After)> contacts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AppliedChange>(new CommandDefinition(OutboxSql.LoadAppliedAfter, new
        {
            names = contacts.Select(c => c.ProfileName).ToArray(),
            keys = contacts.Select(c => c.ProfileKey).ToArray(),
            after = contacts.Select(c => c.After).ToArray(),
        }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Frees the contacts of claim <paramref name="fence"/> that did not become part of a request.</summary>
    public async Task ReleaseUnbatchedHoldsAsync(long fence, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(OutboxSql.ReleaseUnbatchedHolds, new { fence }, cancellationToken: cancellationToken));
    }

    /// <summary>Frees the holds of claims whose lease ran out; answers how many.</summary>
    public async Task<int> ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(OutboxSql.ExpireLeases, new
        {
            max_attempts = options.Value.MaxAttempts,
            code = LeaseExpiredCode,
            description = $"claimed {options.Value.MaxAttempts} times by a replica that stopped before sending it (Outbox:MaxAttempts)",
        }, cancellationToken: cancellationToken));
    }

    private async Task<int> FinishAsync(string state, IReadOnlyList<RejectedChange> rows, long fence, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ages = (await connection.QueryAsync<double>(new CommandDefinition(OutboxSql.Finish, new
        {
            state,
            ids = rows.Select(r => r.Id).ToArray(),
            codes = rows.Select(r => r.Code).ToArray(),
            reasons = rows.Select(r => r.Reason).ToArray(),
            fence,
        }, cancellationToken: cancellationToken))).ToList();
        foreach (var group in rows.GroupBy(r => r.Code))
        {
            metrics.RecordOutcomes(state, group.Key, group.Count());
        }

        metrics.RecordFinalLatencies(state, ages);
        return ages.Count;
    }
}
