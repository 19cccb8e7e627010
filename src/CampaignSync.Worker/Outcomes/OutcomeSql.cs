namespace CampaignSync.Outcomes;

/// <summary>Runtime SQL for writing outcomes back; <see cref="OutcomeStore"/> is its only caller.</summary>
internal static class OutcomeSql
{
    /// <summary>
    /// The guard: moves the batch to its final state only from a state it can still leave, so a job that runs twice
    /// (Hangfire is at-least-once) finds nothing to do the second time.
    /// </summary>
    public const string FinishBatch = """
        update campaign_sync.batch
        set state = @to_state, completed_at = now(), code = coalesce(@code, code),
            description = coalesce(@description, description), update_count = coalesce(@update_count, update_count),
            error_lines = coalesce(@error_lines, error_lines), count_mismatch = @count_mismatch,
            anomalies = anomalies || @anomalies::jsonb
        where id = @batch_id and state = any(@from_states)
        returning state as State, extract(epoch from completed_at - submitted_at)::float8 as RequestSeconds
        """;

    /// <summary>
    /// The request's outcome is known: its contacts are free for the next request, except a contact whose row ended
    /// dead on a write that got no answer (<c>@unanswered_idx</c>): that write may still be applied, and no pending row
    /// of the contact is left to hold newer ones back, so its hold stays until the batch's deadline
    /// (<see cref="ExpireKeptHolds"/> then lets it go). Without such a row (nearly always) the first condition, which names
    /// no column, makes the update a one-time filter that reads nothing. A batch's holds are read by the fence of the
    /// claim that took them, which is the batch's (contact_hold_by_fence).
    /// </summary>
    public const string ReleaseHolds = """
        with kept as (
            update campaign_sync.contact_hold h
            set lease_until = b.deadline_at
            from campaign_sync.batch b
            where cardinality(@unanswered_idx::int[]) > 0
              and b.id = @batch_id and h.fence = b.fence and h.batch_id = b.id and b.deadline_at > now()
              and exists (
                  select 1 from campaign_sync.outbox o
                  where o.batch_id = @batch_id and o.record_index = any(@unanswered_idx) and o.state = 'dead'
                    and o.profile_name = h.profile_name and o.profile_key = h.profile_key)
            returning h.profile_name, h.profile_key
        )
        delete from campaign_sync.contact_hold h
        using campaign_sync.batch b
        where b.id = @batch_id and h.fence = b.fence and h.batch_id = b.id
          and not exists (select 1 from kept k where k.profile_name = h.profile_name and k.profile_key = h.profile_key)
        """;

    /// <summary>
    /// The holds <see cref="ReleaseHolds"/> kept past their finished batch, once its deadline has passed. Only the sweep
    /// runs it: it reads the whole table of holds (held contacts only).
    /// </summary>
    public const string ExpireKeptHolds = """
        delete from campaign_sync.contact_hold h
        using campaign_sync.batch b
        where h.batch_id = b.id and b.state in ('completed', 'failed', 'expired') and h.lease_until < now()
        """;

    /// <summary>
    /// Writes every row of a batch in one statement: each record takes its error (or the default, or success);
    /// on success (or when Campaign skipped the record by its upsert mode: success with the skip's code) the newest row
    /// of a folded record succeeds and the older ones are superseded by it. A folded record (several rows) that failed
    /// for good is unfolded: its rows go back to pending at once, marked send_alone, without using an attempt, so each
    /// is then sent alone and only a bad row fails, with its own reason. A retryable failure goes back to pending with
    /// exponential backoff until the attempts run out, then the row is dead; an unanswered one (it may still be applied)
    /// not before the batch's deadline, and its older pending row keeps newer rows of its contact back. A refusal (nothing reached Campaign) costs
    /// no attempt but counts a refusal; when those run out the row is dead with the refusal's code.
    /// A row that goes back to pending (a retry, an unfolded record) also gets a line in the outcome history; a final
    /// state is written on the row only (its state, code, description, completed_at, batch and attempts are the final
    /// outcome), so the success path appends nothing. The statement answers how many rows got each (outcome, code),
    /// for the records metric, with each final row's age from its creation, for the latency histogram.
    /// </summary>
    public const string WriteBack = """
        with errors as (
            select distinct on (record_index) record_index, code, description, retryable, skipped, refused, unanswered
            from unnest(@idx::int[], @codes::text[], @descs::text[], @retry::bool[], @skipped::bool[], @refused::bool[], @unanswered::bool[])
                as e(record_index, code, description, retryable, skipped, refused, unanswered)
            order by record_index
        ), rows as (
            select o.id, o.attempts, o.refusals,
                   o.id = max(o.id) over (partition by o.record_index) as carrier,
                   count(*) over (partition by o.record_index) as record_rows,
                   coalesce(e.code, @default_code) as code,
                   coalesce(e.description, @default_description) as description,
                   coalesce(e.retryable, @default_retry) as retryable,
                   coalesce(e.skipped, false) as skipped,
                   coalesce(e.refused, @default_refused) as refused,
                   coalesce(e.unanswered, false) as unanswered
            from campaign_sync.outbox o
            left join errors e on e.record_index = o.record_index
            where o.batch_id = @batch_id and o.state = 'in_flight'
        ), judged as (
            select id, attempts, refusals, refused, unanswered, code, description,
                   case when code is null or skipped then case when carrier then 'succeeded' else 'superseded' end
                        when not retryable and record_rows > 1 then 'unfolded'
                        when not retryable then 'failed'
                        when refused and refusals + 1 >= @max_refusals then 'dead'
                        when not refused and attempts + 1 >= @max_attempts then 'dead'
                        else 'pending' end as state
            from rows
        ), decided as (
            select id, state, unanswered,
                   attempts + case when refused or state = 'unfolded' then 0 else 1 end as attempts,
                   refusals + case when refused and code is not null then 1 else 0 end as refusals,
                   case when state = 'unfolded' then 'unfolded' else code end as code,
                   case when state = 'unfolded'
                        then concat('the folded record was refused (', code, ': ', description, '); its rows are sent one by one')
                        else description end as description
            from judged
        ), updated as (
            update campaign_sync.outbox o
            set state = case when d.state = 'unfolded' then 'pending' else d.state end,
                attempts = d.attempts, refusals = d.refusals, outcome_code = d.code, outcome_description = d.description,
                send_alone = o.send_alone or d.state = 'unfolded',
                available_at = case
                    when d.state = 'unfolded' then now()
                    when d.state = 'pending'
                    then greatest(
                        now() + make_interval(secs => least(@max_delay_s, @base_delay_s * power(2, greatest(d.attempts + d.refusals, 1) - 1))),
                        case when d.unanswered then (select b.deadline_at from campaign_sync.batch b where b.id = @batch_id) end)
                    else o.available_at end,
                completed_at = case when d.state in ('pending', 'unfolded') then null else now() end,
                batch_id = case when d.state in ('pending', 'unfolded') then null else o.batch_id end,
                record_index = case when d.state in ('pending', 'unfolded') then null else o.record_index end
            from decided d
            where o.id = d.id
            returning o.id, o.created_at, d.attempts, d.state, d.code, d.description
        ), history as (
            insert into campaign_sync.outcome (outbox_id, batch_id, attempt, state, code, description)
            select id, @batch_id, attempts, 'retry', code, description
            from updated
            where state in ('pending', 'unfolded')
        )
        select case when state in ('pending', 'unfolded') then 'retry' else state end as Outcome, code as Code, count(*) as Count,
               coalesce(array_agg(extract(epoch from now() - created_at)::float8) filter (where state not in ('pending', 'unfolded')), '{}') as FinalAges
        from updated
        group by 1, 2
        """;
}
