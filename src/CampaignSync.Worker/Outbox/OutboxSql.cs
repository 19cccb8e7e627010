namespace CampaignSync.Outbox;

/// <summary>Runtime SQL for claiming and releasing outbox rows; <see cref="OutboxStore"/> is its only caller.</summary>
internal static class OutboxSql
{
    /// <summary>
    /// Claims up to @max_contacts contacts, each with all its pending rows, under a new fence. A contact is claimed by
    /// taking its hold (<c>contact_hold</c>'s primary key, ON CONFLICT DO NOTHING): a contact whose hold another claim
    /// or an unfinished request owns is skipped, and so is a contact whose oldest pending row is not yet due. The
    /// key, not the NOT EXISTS, is what keeps one request per contact: a row that commits late (its writer took the
    /// id early) cannot slip past a hold it did not see. The keyset (id &gt; @after_id) keeps each scan short.
    /// SKIP LOCKED on the head row makes concurrent replicas pass over each other's heads; holds are inserted in key
    /// order so two claims that race for the same contacts wait on each other instead of deadlocking. The head is its
    /// contact's oldest pending row in this statement's snapshot, so "id &gt;= head" takes every pending row of the
    /// contact; it is there for the plan: it lets the update walk outbox_open_by_contact per contact instead of
    /// hashing every pending row of the table.
    /// Rows come back with their fold position (the id, or for a replay row the position of what it replays).
    /// </summary>
    public const string Claim = """
        with heads as (
            select o.id, o.profile_name, o.profile_key
            from campaign_sync.outbox o
            where o.state = 'pending'
              and o.id > @after_id
              and o.available_at <= now()
              and not exists (
                  select 1 from campaign_sync.contact_hold h
                  where h.profile_name = o.profile_name and h.profile_key = o.profile_key)
              and not exists (
                  select 1 from campaign_sync.outbox e
                  where e.profile_name = o.profile_name and e.profile_key = o.profile_key
                    and e.state = 'pending' and e.id < o.id)
            order by o.id
            limit @max_contacts
            for update of o skip locked
        ), claim as (
            select nextval('campaign_sync.claim_fence') as fence
        ), held as (
            insert into campaign_sync.contact_hold (profile_name, profile_key, fence, lease_until)
            select h.profile_name, h.profile_key, claim.fence, now() + @lease
            from heads h cross join claim
            order by h.profile_name, h.profile_key
            on conflict do nothing
            returning profile_name, profile_key, fence
        )
        update campaign_sync.outbox o
        set state = 'claimed', lease_owner = @owner, lease_until = now() + @lease, fence = held.fence
        from held join heads h on h.profile_name = held.profile_name and h.profile_key = held.profile_key
        where o.profile_name = held.profile_name and o.profile_key = held.profile_key and o.state = 'pending'
          and o.id >= h.id
        returning o.id as Id, coalesce(o.fold_position, o.id) as Position, o.profile_name as ProfileName,
                  o.profile_key as ProfileKey, o.operation as Operation, o.attributes::text as AttributesJson,
                  o.upsert_mode as UpsertMode, o.update_link as UpdateLink, o.exparams as Exparams,
                  o.attempts as Attempts, o.send_alone as SendAlone, o.fence as Fence
        """;

    /// <summary>
    /// Rows of the claimed contacts that Campaign already applied (succeeded, or superseded into a record that
    /// succeeded) and that come after the oldest claimed row in fold order: the claimed rows that precede them
    /// committed late, and fold beneath them. The subquery reads one index range per contact (outbox_by_contact, the
    /// only index on the contact) and the state is filtered outside it: OFFSET 0 keeps the planner from pulling the
    /// subquery up or pushing the state test into it, where statistics taken while every row was pending once sent it
    /// to a scan of all applied rows per contact (the retention index on done rows), which grows as the outbox drains.
    /// </summary>
    public const string LoadAppliedAfter = """
        select coalesce(a.fold_position, a.id) as Id, c.profile_name as ProfileName, c.profile_key as ProfileKey,
               a.operation as Operation, a.attributes::text as AttributesJson, a.update_link as UpdateLink
        from unnest(@names::text[], @keys::text[], @after::bigint[]) as c(profile_name, profile_key, after_position)
        cross join lateral (
            select o.id, o.fold_position, o.state, o.outcome_code, o.operation, o.attributes, o.update_link
            from campaign_sync.outbox o
            where o.profile_name = c.profile_name and o.profile_key = c.profile_key and o.id > c.after_position
            offset 0
        ) a
        where a.state in ('succeeded', 'superseded') and a.outcome_code is null
          and coalesce(a.fold_position, a.id) > c.after_position
        order by 1
        """;

    /// <summary>Gives up the holds of a claim on the contacts that did not become a request (every row rejected).</summary>
    public const string ReleaseUnbatchedHolds = """
        delete from campaign_sync.contact_hold where fence = @fence and batch_id is null
        """;

    /// <summary>Gives rows back to pending untouched (deferred by the fold) while our fence still holds them.</summary>
    public const string Release = """
        update campaign_sync.outbox
        set state = 'pending', lease_owner = null, lease_until = null, fence = null
        where id = any(@ids) and state = 'claimed' and fence = @fence
        """;

    /// <summary>
    /// Ends rows that will not be sent, each with its code and reason, in state @state (failed: the worker cannot
    /// send them; superseded: newer rows already applied in Campaign cover them), and records the outcome. Answers each
    /// ended row's age from its creation in seconds, for the latency histogram.
    /// </summary>
    public const string Finish = """
        with r as (
            select * from unnest(@ids::bigint[], @codes::text[], @reasons::text[]) as r(id, code, reason)
        ), updated as (
            update campaign_sync.outbox o
            set state = @state, outcome_code = r.code, outcome_description = r.reason, completed_at = now(),
                lease_owner = null, lease_until = null
            from r
            where o.id = r.id and o.state = 'claimed' and o.fence = @fence
            returning o.id, o.attempts, o.created_at, r.code, r.reason
        ), history as (
            insert into campaign_sync.outcome (outbox_id, batch_id, attempt, state, code, description)
            select id, null, attempts, @state, code, reason from updated
        )
        select extract(epoch from now() - created_at)::float8 from updated
        """;

    /// <summary>
    /// Claimed rows whose lease ran out (their replica died or stalled before sending) go back to pending, and the
    /// holds of such claims are given up. Rows first: a hold freed before its rows would let another claim take the
    /// contact while they are still marked claimed.
    /// </summary>
    public const string ExpireLeases = """
        with rows as (
            update campaign_sync.outbox
            set state = 'pending', lease_owner = null, lease_until = null, fence = null
            where state = 'claimed' and lease_until < now()
            returning id
        ), holds as (
            delete from campaign_sync.contact_hold where batch_id is null and lease_until < now()
            returning 1
        )
        select (select count(*) from rows)
        """;
}
