using System.Text.Json.Nodes;
using CampaignSync.Batching;
using CampaignSync.Folding;
using CampaignSync.Outbox;
using Dapper;
using Npgsql;

namespace CampaignSync.Submission;

/// <summary>Writes batch rows and moves outbox rows into them. The only caller of <see cref="BatchSql"/>.</summary>
internal sealed class BatchStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Writes a batch row in state <c>submitting</c>, passes its contacts' holds to it and moves the pending rows of its
    /// records into it, in one transaction. Returns null (and writes nothing) when our claim no longer holds every
    /// contact or a row is no longer pending.
    /// </summary>
    public async Task<long?> CreateAsync(PlannedBatch batch, ClaimTicket claim, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batchId = await InsertAsync(connection, transaction, batch, null, claim, deadline, cancellationToken);
        var keys = batch.Records.Select(r => r.ProfileKey).ToArray();
        var held = await connection.ExecuteAsync(new CommandDefinition(BatchSql.HoldForBatch,
            new { batch_id = batchId, profile_name = batch.ProfileName, keys, fence = claim.Fence },
            transaction, cancellationToken: cancellationToken));
        if (held != keys.Length)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var (ids, idx) = RowsByIndex(batch.Records);
        var moved = await connection.ExecuteAsync(new CommandDefinition(BatchSql.AssignClaimedRows,
            new { batch_id = batchId, ids, idx },
            transaction, cancellationToken: cancellationToken));
        if (moved != ids.Length)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var replays = batch.Records.Where(r => r.Replay is not null).ToList();
        if (replays.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(BatchSql.InsertReplays, new
            {
                profile_name = batch.ProfileName,
                exparams = batch.Exparams.ToArray(),
                source = ReplayRow.Source,
                keys = replays.Select(r => r.ProfileKey).ToArray(),
                attributes = replays.Select(r => ToJson(r.Replay!.Attributes)).ToArray(),
                update_links = replays.Select(r => r.Replay!.UpdateLink).ToArray(),
                positions = replays.Select(r => r.Replay!.Position).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return batchId;
    }

    /// <summary>How long calls for the batch may still start (zero: none): see <see cref="BatchSql.SendWindow"/>.</summary>
    public async Task<TimeSpan> SendWindowAsync(long batchId, TimeSpan callTime, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<TimeSpan?>(new CommandDefinition(BatchSql.SendWindow,
            new { batch_id = batchId, call_time = callTime }, cancellationToken: cancellationToken)) ?? TimeSpan.Zero;
    }

    private static string ToJson(IReadOnlyDictionary<string, string?> attributes)
    {
        var json = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            json[name] = value;
        }

        return json.ToJsonString();
    }

    /// <summary>Writes a child batch for one half of a rejected request and moves that half's rows into it.</summary>
    /// <returns>Null (nothing written) when the parent no longer owns those rows.</returns>
    public async Task<long?> CreateHalfAsync(long parentId, PlannedBatch half, ClaimTicket claim, TimeSpan deadline,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batchId = await InsertAsync(connection, transaction, half, parentId, claim, deadline, cancellationToken);
        var (ids, idx) = RowsByIndex(half.Records);
        var moved = await connection.ExecuteAsync(new CommandDefinition(BatchSql.ReassignRows,
            new { batch_id = batchId, parent_batch_id = parentId, ids, idx },
            transaction, cancellationToken: cancellationToken));
        var keys = half.Records.Select(r => r.ProfileKey).ToArray();
        var held = await connection.ExecuteAsync(new CommandDefinition(BatchSql.MoveHolds,
            new { batch_id = batchId, parent_batch_id = parentId, profile_name = half.ProfileName, keys },
            transaction, cancellationToken: cancellationToken));
        if (moved != ids.Length || held != keys.Length)
        {
            // The parent was ended meanwhile (the sweep, past its deadline): its rows and holds are no longer ours.
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return batchId;
    }

    public Task<bool> MarkSubmittedAsync(long batchId, string requestId, TimeSpan firstPoll, CancellationToken cancellationToken) =>
        ExecuteGuardedAsync(BatchSql.MarkSubmitted, new { batch_id = batchId, request_id = requestId, first_poll = firstPoll }, cancellationToken);

    public Task<bool> MarkUnansweredAsync(long batchId, string? code, string? description, CancellationToken cancellationToken) =>
        ExecuteGuardedAsync(BatchSql.MarkUnanswered, new { batch_id = batchId, code, description }, cancellationToken);

    public Task<bool> MarkSplitAsync(long batchId, string? code, string description, CancellationToken cancellationToken) =>
        ExecuteGuardedAsync(BatchSql.MarkSplit, new { batch_id = batchId, code, description }, cancellationToken);

    public async Task<OpenRequests> CountOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<OpenRequests>(new CommandDefinition(BatchSql.CountOpen, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<long>> FindUnansweredPastDeadlineAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(BatchSql.FindUnansweredPastDeadline, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PlannedBatch batch,
        long? parentId, ClaimTicket claim, TimeSpan deadline, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(BatchSql.Insert, new
        {
            parent_batch_id = parentId,
            profile_name = batch.ProfileName,
            operation = batch.Operation.ToString().ToLowerInvariant(),
            upsert_mode = batch.UpsertMode,
            update_link = batch.UpdateLink,
            record_count = batch.Records.Count,
            owner = claim.Owner,
            fence = claim.Fence,
            deadline,
            lane = batch.Lane,
        }, transaction, cancellationToken: cancellationToken));

    // Every row of a folded record shares the record's 1-based index in the request.
    private static (long[] Ids, int[] Idx) RowsByIndex(IReadOnlyList<ContactOperation> records)
    {
        var ids = new List<long>();
        var idx = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var id in records[i].RowIds)
            {
                ids.Add(id);
                idx.Add(i + 1);
            }
        }

        return (ids.ToArray(), idx.ToArray());
    }

    private async Task<bool> ExecuteGuardedAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<BatchPollState?> LoadForPollAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BatchPollState>(new CommandDefinition(BatchSql.LoadForPoll,
            new { batch_id = batchId }, cancellationToken: cancellationToken));
    }

    public Task<bool> MarkStalledAsync(long batchId, CancellationToken cancellationToken) =>
        ExecuteGuardedAsync(BatchSql.MarkStalled, new { batch_id = batchId }, cancellationToken);

    /// <summary>The records of a batch still in flight, by index (the newest row of each).</summary>
    public async Task<IReadOnlyList<BatchRecord>> LoadRecordsAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var records = await connection.QueryAsync<BatchRecord>(new CommandDefinition(BatchSql.LoadRecords,
            new { batch_id = batchId }, cancellationToken: cancellationToken));
        return records.ToList();
    }

    public Task<bool> MarkPolledAsync(long batchId, TimeSpan nextPoll, CancellationToken cancellationToken) =>
        ExecuteGuardedAsync(BatchSql.MarkPolled, new { batch_id = batchId, next_poll = nextPoll }, cancellationToken);

    public async Task<IReadOnlyList<long>> ClaimLostPollsAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(BatchSql.ClaimLostPolls, new { grace }, cancellationToken: cancellationToken));
        return ids.ToList();
    }
}
