namespace CampaignSync.Dashboard;

/// <summary>
/// Read-only SQL of the dashboard's Campaign Sync pages; <see cref="DashboardStore"/> is its only caller. Every
/// statement reads through an index (migrations 0001, 0003, 0005, 0007) and returns a bounded page (keyset, limit),
/// so the pages stay fast on an outbox of millions of rows. Retry and discard are not here: they are the operator
/// actions of <c>Operations/OperatorActionSql</c>, the same as the CLI's.
/// </summary>
internal static class DashboardSql
{
    /// <summary>
    /// Exact counts where a partial index holds the state (unfinished rows; failed and dead rows), and the planner's
    /// estimate of the whole table: counting every finished row would read the whole table.
    /// </summary>
    public const string Figures = """
        select o.Pending, o.InFlight, f.Failed, f.Dead,
               coalesce((select extract(epoch from now() - created_at) from campaign_sync.outbox
                         where state = 'pending' order by id limit 1), 0)::float8 as OldestPendingAgeSeconds,
               (select greatest(reltuples, 0)::bigint from pg_class where oid = 'campaign_sync.outbox'::regclass) as EstimatedRows,
               (select count(*) from campaign_sync.batch where state in ('submitting', 'submitted', 'polling')) as OpenRequests,
               (select count(*) from campaign_sync.batch where count_mismatch) as CountMismatches,
               (select count(*) from campaign_sync.batch where stalled_at is not null and state in ('submitted', 'polling')) as StalledRequests
        from (select count(*) filter (where state = 'pending') as Pending,
                     count(*) filter (where state = 'in_flight') as InFlight
              from campaign_sync.outbox where state in ('pending', 'in_flight')) o,
             (select count(*) filter (where state = 'failed') as Failed, count(*) filter (where state = 'dead') as Dead
              from campaign_sync.outbox where state in ('failed', 'dead')) f
        """;

    /// <summary>The exact finished counts, read only when the table is small enough to count (see the store).</summary>
    public const string FinishedCounts = """
        select count(*) filter (where state = 'succeeded') as Succeeded, count(*) filter (where state = 'superseded') as Superseded
        from campaign_sync.outbox where state in ('succeeded', 'superseded')
        """;

    /// <summary>Records of the requests that completed in each of the last 60 minutes (a minute with none is 0).</summary>
    public const string RecordsPerMinute = """
        select m.minute as Minute, coalesce(sum(b.record_count), 0)::bigint as Records
        from generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()), interval '1 minute') as m(minute)
        left join campaign_sync.batch b on b.completed_at >= m.minute and b.completed_at < m.minute + interval '1 minute'
        group by m.minute
        order by m.minute
        """;

    private const string RequestColumns = """
        id as Id, case when stalled_at is not null and state in ('submitted', 'polling') then 'stalled' else state end as State,
        profile_name as ProfileName, operation as Operation, record_count as RecordCount,
        request_id as RequestId, polls as Polls, error_lines as ErrorLines, update_count as UpdateCount,
        count_mismatch as CountMismatch, code as Code, description as Description, anomalies::text as AnomaliesJson,
        created_at as CreatedAt, submitted_at as SubmittedAt, completed_at as CompletedAt
        """;

    /// <summary>Requests newest first, older than the keyset <c>@before</c> (an id).</summary>
    public const string Requests = $"""
        select {RequestColumns} from campaign_sync.batch where id < @before order by id desc limit @limit
        """;

    /// <summary>The latest requests whose update-count did not match the batch size minus the error lines.</summary>
    public const string Mismatches = $"""
        select {RequestColumns} from campaign_sync.batch where count_mismatch order by id desc limit @limit
        """;

    public const string Request = $"""
        select {RequestColumns} from campaign_sync.batch where id = @id
        """;

    /// <summary>
    /// A request's records and their outcomes, by outbox id after the keyset <c>@after</c>: the history lines written
    /// for the request (retries: rows sent back to pending no longer point at it), then the rows that still point at
    /// it, each with the final outcome it holds (its time is completed_at) or, still in flight, none yet.
    /// </summary>
    public const string RequestRecords = """
        select * from (
            select o.id as OutboxId, o.profile_key as ProfileKey, h.attempt as Attempt, h.state as State, h.code as Code,
                   h.description as Description, h.recorded_at as RecordedAt
            from campaign_sync.outcome h join campaign_sync.outbox o on o.id = h.outbox_id
            where h.batch_id = @id and h.outbox_id > @after
            union all
            select o.id, o.profile_key, o.attempts, o.state,
                   case when o.completed_at is not null then o.outcome_code end,
                   case when o.completed_at is not null then o.outcome_description end, o.completed_at
            from campaign_sync.outbox o
            where o.batch_id = @id and o.id > @after
        ) r
        order by OutboxId, RecordedAt
        limit @limit
        """;

    /// <summary>
    /// Failed and dead rows by code and description, the largest groups first, each with its newest row's id: pages
    /// link to a group by that id, so no code or description (Campaign's text, which may quote a value) is in a URL.
    /// </summary>
    public const string FailureGroups = """
        select coalesce(outcome_code, '') as Code, coalesce(outcome_description, '') as Description, max(id) as RowId,
               count(*) filter (where state = 'failed') as Failed, count(*) filter (where state = 'dead') as Dead,
               min(completed_at) as FirstAt, max(completed_at) as LastAt
        from campaign_sync.outbox
        where state in ('failed', 'dead')
        group by coalesce(outcome_code, ''), coalesce(outcome_description, '')
        order by count(*) desc, 1, 2
        limit @limit
        """;

    /// <summary>
    /// One group's rows, newest first, before the keyset row <c>@before</c> (an outbox id; 0 for the first page):
    /// the failures index is ordered by (code, completed_at), so a page reads only its own rows.
    /// </summary>
    public const string GroupRows = """
        select o.id as Id, o.profile_name as ProfileName, o.profile_key as ProfileKey, o.operation as Operation,
               o.state as State, o.attempts as Attempts, o.completed_at as CompletedAt
        from campaign_sync.outbox o
        left join campaign_sync.outbox k on k.id = @before
        where o.state in ('failed', 'dead') and o.outcome_code = @code and coalesce(o.outcome_description, '') = @description
          and (@before = 0 or (o.completed_at, o.id) < (k.completed_at, k.id))
        order by o.completed_at desc, o.id desc
        limit @limit
        """;

    /// <summary>The failure group of a failed or dead row: its code and description (none when the row is neither).</summary>
    public const string GroupOfRow = """
        select outcome_code as Code, coalesce(outcome_description, '') as Description
        from campaign_sync.outbox
        where id = @row and state in ('failed', 'dead') and outcome_code is not null
        """;

    /// <summary>The contact of a row: pages link to a contact by a row id, so no profile key is in a URL.</summary>
    public const string ContactOfRow = """
        select profile_name as Profile, profile_key as Key from campaign_sync.outbox where id = @row
        """;

    public const string RecentActions = """
        select id as Id, action as Action, actor as Actor, acted_at as ActedAt, filter as Filter, row_count as RowCount
        from campaign_sync.operator_action
        order by id desc
        limit @limit
        """;

    /// <summary>A contact's rows, newest first (index outbox_by_contact).</summary>
    public const string ContactRows = """
        select id as Id, operation as Operation, attributes::text as AttributesJson, source as Source, created_at as CreatedAt,
               state as State, attempts as Attempts, outcome_code as OutcomeCode, outcome_description as OutcomeDescription,
               completed_at as CompletedAt, batch_id as BatchId
        from campaign_sync.outbox
        where profile_name = @profile and profile_key = @key
        order by id desc
        limit @limit
        """;

    /// <summary>
    /// Every outcome of the given rows with the request each came from, oldest first: a row's history lines, then the
    /// final outcome the row holds (its time is completed_at, its attempt the row's attempts).
    /// </summary>
    public const string ContactEvents = """
        select e.outbox_id as OutboxId, e.batch_id as BatchId, b.request_id as RequestId, e.attempt as Attempt,
               e.state as State, e.code as Code, e.description as Description, e.recorded_at as RecordedAt
        from (
            select h.outbox_id, h.batch_id, h.attempt, h.state, h.code, h.description, h.recorded_at, false as final, h.id as line
            from campaign_sync.outcome h
            where h.outbox_id = any(@ids)
            union all
            select o.id, o.batch_id, o.attempts, o.state, o.outcome_code, o.outcome_description, o.completed_at, true, 0
            from campaign_sync.outbox o
            where o.id = any(@ids) and o.completed_at is not null
        ) e
        left join campaign_sync.batch b on b.id = e.batch_id
        order by e.outbox_id, e.final, e.line
        """;
}
