using System.Globalization;
using CampaignSync.Outbox;
using Dapper;
using Npgsql;

namespace CampaignSync.Crm;

/// <summary>Runs, snapshot and the run's outbox rows; the only caller of <see cref="CrmSql"/>.</summary>
internal sealed class CrmStore(NpgsqlDataSource dataSource)
{
    /// <summary>The <c>source</c> column of every outbox row the CRM sync writes.</summary>
    public const string Source = "wethod-crm";

    // Any constant unique to this application; pg_advisory_lock takes a bigint.
    private const long RunLockKey = 0x43_53_59_4E_43_43_52_4D; // "CSYNCCRM"

    /// <summary>The run lock, or null when another run holds it.</summary>
    public async Task<CrmRunLock?> TryLockAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(CrmSql.TryLock, new { key = RunLockKey }, cancellationToken: cancellationToken)))
            {
                await connection.ExecuteAsync(new CommandDefinition(CrmSql.MarkInterrupted, cancellationToken: cancellationToken));
                return new CrmRunLock(connection, RunLockKey);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async Task<long> StartRunAsync(string profileName, string trigger, long? confirmsRunId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CrmSql.StartRun,
            new { profile_name = profileName, trigger, confirms_run_id = confirmsRunId }, cancellationToken: cancellationToken));
    }

    public async Task<CrmRunRecord?> LoadRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CrmRunRecord>(new CommandDefinition(CrmSql.LoadRun,
            new { id = runId }, cancellationToken: cancellationToken));
    }

    public async Task<Dictionary<long, SnapshotEntry>> LoadSnapshotAsync(string profileName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SnapshotEntry>(new CommandDefinition(CrmSql.LoadSnapshot,
            new { profile_name = profileName }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ContactId);
    }

    public async Task FailRunAsync(long runId, string failure, string detail, CrmRunCounts counts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CrmSql.FailRun, CountParameters(runId, counts, new { failure, detail }),
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes the whole run in one transaction: outbox rows, snapshot changes, the run's final state and, for a
    /// confirming run, the confirmation of the braked run; a full resync (<paramref name="resyncActor"/> set) writes its
    /// rows in the bulk lane and records the operator action. Nothing is written unless all of it is.
    /// </summary>
    public async Task<OutboxRange> CommitAsync(
        long runId, string profileName, SyncPlan plan, CrmRunCounts counts, long? confirmsRunId, string? resyncActor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var range = new OutboxRange(null, null);
        if (plan.Changes.Count > 0)
        {
            range = await connection.QuerySingleAsync<OutboxRange>(new CommandDefinition(CrmSql.InsertOutbox, new
            {
                profile_name = profileName,
                source = Source,
                keys = plan.Changes.Select(c => c.ProfileKey).ToArray(),
                operations = plan.Changes.Select(c => c.Operation).ToArray(),
                attributes = plan.Changes.Select(c => c.AttributesJson).ToArray(),
                lane = resyncActor is null ? OutboxLane.Live : OutboxLane.Bulk,
            }, transaction, cancellationToken: cancellationToken));
        }

        if (resyncActor is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(CrmSql.RecordResync, new
            {
                actor = resyncActor,
                filter = string.Create(CultureInfo.InvariantCulture, $"crm-sync --full: CRM run {runId}, every contact of profile {profileName} in the bulk lane"),
                row_count = plan.Changes.Count,
            }, transaction, cancellationToken: cancellationToken));
        }

        if (plan.Remember.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(CrmSql.Remember, new
            {
                profile_name = profileName,
                run_id = runId,
                contact_ids = plan.Remember.Select(c => c.ContactId).ToArray(),
                keys = plan.Remember.Select(c => c.ProfileKey).ToArray(),
                hashes = plan.Remember.Select(c => c.Hash).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        }

        if (plan.Forget.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(CrmSql.Forget,
                new { profile_name = profileName, contact_ids = plan.Forget.ToArray() }, transaction, cancellationToken: cancellationToken));
        }

        if (confirmsRunId is { } confirmed
            && await connection.ExecuteAsync(new CommandDefinition(CrmSql.ConfirmRun, new { id = confirmed }, transaction, cancellationToken: cancellationToken)) != 1)
        {
            throw new InvalidOperationException($"CRM run {confirmed} is no longer waiting for a confirmation.");
        }

        if (await connection.ExecuteAsync(new CommandDefinition(CrmSql.SucceedRun, CountParameters(runId, counts, new { }), transaction,
                cancellationToken: cancellationToken)) != 1)
        {
            throw new InvalidOperationException($"CRM run {runId} is no longer running; nothing was written.");
        }

        await transaction.CommitAsync(cancellationToken);
        return range;
    }

    private static DynamicParameters CountParameters(long runId, CrmRunCounts counts, object extra)
    {
        var parameters = new DynamicParameters(extra);
        parameters.AddDynamicParams(new
        {
            id = runId,
            synced_before = counts.SyncedBefore,
            contacts_read = counts.ContactsRead,
            clients_read = counts.ClientsRead,
            upserts = counts.Upserts,
            deletes = counts.Deletes,
            unchanged = counts.Unchanged,
            skipped = counts.Skipped,
            invalid_values = counts.InvalidValues,
        });
        return parameters;
    }
}
