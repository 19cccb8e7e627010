namespace CampaignSync.Retention;

/// <summary>
/// The retention job's statements (indexes in migration 0010); <see cref="RetentionStore"/> is their only caller. Each
/// deletes at most <c>@chunk</c> records, oldest first, and skips rows another transaction holds.
/// </summary>
internal static class RetentionSql
{
    /// <summary>One replica at a time: a session lock held for a whole pass, released when the session ends.</summary>
    public const string TryLock = "select pg_try_advisory_lock(@key)";

    public const string Unlock = "select pg_advisory_unlock(@key)";

    /// <summary>Succeeded and superseded rows older than <c>@age</c>, with every outcome line of theirs.</summary>
    public static readonly string DeleteFinalRows = DeleteRows("'succeeded', 'superseded'");

    /// <summary>Failed and dead rows (discarded ones too) older than <c>@age</c>, with every outcome line of theirs.</summary>
    public static readonly string DeleteFailedRows = DeleteRows("'failed', 'dead'");

    /// <summary>
    /// Final batches older than <c>@age</c> that no outbox row, outcome line or split child refers to (a parent goes
    /// in a later chunk than its children). A final outcome is on its row, which keeps its batch_id; a history line
    /// names the batch of a retry, or of a final outcome an operator retry took back (the row no longer points at it).
    /// </summary>
    public const string DeleteBatches = """
        with doomed as (
            select b.id from campaign_sync.batch b
            where b.completed_at < now() - @age
              and b.state in ('completed', 'failed', 'expired')
              and not exists (select 1 from campaign_sync.outbox o where o.batch_id = b.id)
              and not exists (select 1 from campaign_sync.outcome h where h.batch_id = b.id)
              and not exists (select 1 from campaign_sync.batch c where c.parent_batch_id = b.id)
            order by b.completed_at
            limit @chunk
            for update skip locked
        )
        delete from campaign_sync.batch b using doomed d where b.id = d.id
        """;

    /// <summary>
    /// Operator actions older than <c>@age</c>, through migration 0017's function: the table is append-only for the
    /// runtime role, and the function (run as the migrator) refuses to delete actions younger than 30 days.
    /// Returns how many it deleted.
    /// </summary>
    public const string DeleteOperatorActions = "select campaign_sync.delete_old_operator_actions(@age, @chunk)";

    /// <summary>
    /// Finished CRM runs older than <c>@age</c> that neither the snapshot (the run that last synced a contact) nor
    /// another run (a confirmation) refers to; a run still 'running' is never taken. The table holds a run a night.
    /// </summary>
    public const string DeleteCrmRuns = """
        with doomed as (
            select r.id from campaign_sync.crm_run r
            where r.state <> 'running' and r.finished_at < now() - @age
              and not exists (select 1 from campaign_sync.crm_snapshot s where s.run_id = r.id)
              and not exists (select 1 from campaign_sync.crm_run c where c.confirms_run_id = r.id)
            order by r.finished_at
            limit @chunk
            for update skip locked
        )
        delete from campaign_sync.crm_run r using doomed d where r.id = d.id
        """;

    // The states are literals, the same list as the partial index of migration 0010 that each statement reads.
    private static string DeleteRows(string states) => $"""
        with doomed as (
            select id from campaign_sync.outbox
            where state in ({states}) and completed_at < now() - @age
            order by completed_at
            limit @chunk
            for update skip locked
        ), history as (
            delete from campaign_sync.outcome h using doomed d where h.outbox_id = d.id
        )
        delete from campaign_sync.outbox o using doomed d where o.id = d.id
        """;
}
