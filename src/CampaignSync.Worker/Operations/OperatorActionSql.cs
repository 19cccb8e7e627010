namespace CampaignSync.Operations;

/// <summary>
/// Runtime SQL of the operator actions (retry, discard; abandon through <see cref="StalledRequestStore"/>; pause and
/// resume through <see cref="PauseSwitchStore"/>).
/// Filter parameters are always typed: '' means no code filter, a negative age no age filter, an empty array no ids,
/// <c>by_description</c> false no description filter.
/// </summary>
internal static class OperatorActionSql
{
    // Failed and dead rows selected by the filter. Discarded rows are left alone unless the filter names that code.
    private const string Selected = """
        from campaign_sync.outbox o
        where o.state in ('failed', 'dead')
          and (@code = '' or o.outcome_code = @code)
          and (o.outcome_code is distinct from 'discarded' or @code = 'discarded')
          and (@older_than_s < 0 or o.completed_at < now() - make_interval(secs => @older_than_s))
          and (cardinality(@ids::bigint[]) = 0 or o.id = any(@ids))
          and (not @by_description or coalesce(o.outcome_description, '') = @description)
        """;

    // A newer change of the same contact that was sent, or will be: retrying the older one would undo it.
    private const string NewerChangeExists = """
        exists (select 1 from campaign_sync.outbox n
                where n.profile_name = o.profile_name and n.profile_key = o.profile_key and n.id > o.id
                  and n.state not in ('failed', 'dead'))
        """;

    public const string PreviewRetry = $"""
        select count(*) filter (where not blocked) as Matching, count(*) filter (where blocked) as Skipped
        from (select {NewerChangeExists} as blocked {Selected}) s
        """;

    public const string PreviewDiscard = $"""
        select count(*) as Matching, 0::bigint as Skipped {Selected}
        """;

    /// <summary>
    /// Back to pending with attempts reset. The final outcome the row held moves to the history (as it was: its
    /// request, attempt and time), followed by one 'retry' line that names the action, so the row's story keeps it.
    /// </summary>
    public const string Retry = $"""
        with chosen as (
            select o.id, o.batch_id, o.attempts, o.state, o.outcome_code, o.outcome_description, o.completed_at
            {Selected} and not {NewerChangeExists}
            for update of o
        ), updated as (
            update campaign_sync.outbox o
            set state = 'pending', attempts = 0, available_at = now(), outcome_code = null, outcome_description = null,
                completed_at = null, batch_id = null, record_index = null
            from chosen c where o.id = c.id
            returning o.id
        ), action as (
            insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids)
            select 'retry', @actor, @filter, count(*), coalesce(array_agg(id order by id), array[]::bigint[]) from updated
            returning id, row_count
        ), history as (
            insert into campaign_sync.outcome (outbox_id, batch_id, attempt, state, code, description, recorded_at)
            select c.id, l.batch_id, l.attempt, l.state, l.code, l.description, l.recorded_at
            from updated u join chosen c on c.id = u.id cross join action a
            cross join lateral (values
                (1, c.batch_id, c.attempts, c.state, c.outcome_code, c.outcome_description, c.completed_at),
                (2, null, 0, 'retry', 'operator_retry', 'retried by operator action ' || a.id, now())
            ) as l(seq, batch_id, attempt, state, code, description, recorded_at)
            order by c.id, l.seq
        )
        select id as ActionId, row_count as RowCount from action
        """;

    /// <summary>Kept in its final state; the code becomes 'discarded' and the description keeps the code it had.</summary>
    public const string Discard = $"""
        with chosen as (
            select o.id {Selected} and o.outcome_code is distinct from 'discarded'
            for update of o
        ), action as (
            insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids)
            select 'discard', @actor, @filter, count(*), coalesce(array_agg(id order by id), array[]::bigint[]) from chosen
            returning id, row_count
        ), updated as (
            update campaign_sync.outbox o
            set outcome_code = 'discarded',
                outcome_description = 'discarded by operator action ' || a.id || ' (was ' || coalesce(o.outcome_code, '') || ': '
                    || coalesce(o.outcome_description, '') || ')'
            from chosen c cross join action a where o.id = c.id
        )
        select id as ActionId, row_count as RowCount from action
        """;

    /// <summary>A request past its deadline that Campaign still reports processing; locked when abandoned.</summary>
    public const string FindStalled = """
        select id as BatchId, stalled_at as StalledAt, record_count as RecordCount
        from campaign_sync.batch
        where id = @batch_id and stalled_at is not null and state in ('submitted', 'polling')
        """;

    /// <summary>Records the abandon of a stalled request, naming the rows it sends back.</summary>
    public const string RecordAbandon = """
        insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids)
        select 'abandon', @actor, 'batch ' || @batch_id, count(*), coalesce(array_agg(id order by id), array[]::bigint[])
        from campaign_sync.outbox where batch_id = @batch_id and state = 'in_flight'
        returning id as ActionId, row_count as RowCount
        """;

    /// <summary>The operators' pause switch (one row).</summary>
    public const string ReadPause = """
        select paused as Paused, actor as Actor, changed_at as ChangedAt, action_id as ActionId
        from campaign_sync.pause_switch
        """;

    /// <summary>Records a pause or a resume and sets the switch to it, naming the action.</summary>
    public const string SetPause = """
        with action as (
            insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids)
            values (case when @paused then 'pause' else 'resume' end, @actor, 'every replica', 0, array[]::bigint[])
            returning id, row_count
        ), switched as (
            update campaign_sync.pause_switch s set paused = @paused, actor = @actor, changed_at = now(), action_id = a.id
            from action a
        )
        select id as ActionId, row_count as RowCount from action
        """;

    /// <summary>Wakes the workers once the retry commits (the insert trigger does this for writers).</summary>
    public const string Wake = "select pg_notify('campaign_sync_outbox', '')";
}
