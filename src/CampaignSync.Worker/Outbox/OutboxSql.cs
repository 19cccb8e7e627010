namespace CampaignSync.Outbox;

/// <summary>Runtime SQL for claiming and releasing outbox rows; <see cref="OutboxStore"/> is its only caller.</summary>
internal static class OutboxSql
{
    // The parts Claim and ReadDue share, so that each is written once. A head candidate (outbox o): a pending row that
    // is due, of a contact that no claim or request holds.
    private const string DueUnheldHead = """
        o.state = 'pending'
              and o.available_at <= now()
              and not exists (
                  select 1 from campaign_sync.contact_hold h
                  where h.profile_name = o.profile_name and h.profile_key = o.profile_key)
        """;

    // The pending rows (e) of the head candidate's contact that are older than it; a caller may narrow them with
    // "and ..." before closing its not exists.
    private const string OlderPending = """
        select 1 from campaign_sync.outbox e
                  where e.profile_name = o.profile_name and e.profile_key = o.profile_key
                    and e.state = 'pending' and e.id < o.id
        """;

    // A head's (h) pending rows, at most @max_rows_per_contact, oldest first, as r.
    private const string PendingRowsOfHead = """
        cross join lateral (
            select o.id, o.fold_position, o.operation, o.attributes::text as json, o.upsert_mode, o.update_link,
                   o.exparams, o.attempts, o.send_alone, o.lane
            from campaign_sync.outbox o
            where o.profile_name = h.profile_name and o.profile_key = h.profile_key and o.state = 'pending'
            order by o.id
            limit @max_rows_per_contact
        ) r
        """;

    // The columns of a ClaimedChange but its fence, from a head (h) and one of its rows (r).
    private const string HeadRowColumns = """
        r.id as Id, coalesce(r.fold_position, r.id) as Position, h.profile_name as ProfileName,
               h.profile_key as ProfileKey, r.operation as Operation,
               case when octet_length(r.json) <= @max_attribute_bytes then r.json end as AttributesJson,
               octet_length(r.json) as AttributeBytes, r.upsert_mode as UpsertMode, r.update_link as UpdateLink,
               r.exparams as Exparams, r.attempts as Attempts, r.send_alone as SendAlone, r.lane as Lane
        """;

    /// <summary>
    /// Claims contacts under a new fence and reads their pending rows (at most @max_rows_per_contact each, oldest
    /// first) without writing them: the hold is the claim. Contacts with a due live row come first (up to
    /// @max_contacts, by their first pending live row after the live keyset @live_after_id), then contacts by their
    /// oldest pending row after the keyset @after_id, whatever its lane, up to @max_oldest_contacts in all (zero while
    /// bulk requests hold their share). A
    /// contact's rows come back together whatever their lanes, so a live row never overtakes an older bulk row of its
    /// contact; a contact waits while its oldest pending row is not due. A contact is claimed by
    /// taking its hold (<c>contact_hold</c>'s primary key, ON CONFLICT DO NOTHING): a contact whose hold another claim
    /// or an unfinished request owns is skipped, and so is a contact whose oldest pending row is not yet due. The key,
    /// not the NOT EXISTS, is what keeps one request per contact: a row that commits late (its writer took the id
    /// early) cannot slip past a hold it did not see. The keyset (id &gt; @after_id) keeps each scan short. SKIP
    /// LOCKED on the head row makes concurrent replicas pass over each other's heads; holds are inserted in key order
    /// so two claims that race for the same contacts wait on each other instead of deadlocking. The rows stay pending
    /// until the transaction that writes their request moves them to in flight (only while the hold is still ours),
    /// so a claim that is never sent costs no row write at all.
    /// Attributes longer than @max_attribute_bytes come back as null with their length: the row is failed, not read.
    /// Rows come back with their fold position (the id, or for a replay row the position of what it replays).
    /// </summary>
    public const string Claim = $"""
        with live as (
            select o.id, o.profile_name, o.profile_key
            from campaign_sync.outbox o
            where {DueUnheldHead} and o.lane = 'live'
              and o.id > @live_after_id
              and not exists ({OlderPending} and (e.lane = 'live' or e.available_at > now()))
            order by o.id
            limit @max_contacts
            for update of o skip locked
        ), oldest as (
            select o.id, o.profile_name, o.profile_key
            from campaign_sync.outbox o
            where {DueUnheldHead}
              and o.id > @after_id
              and not exists ({OlderPending})
            order by o.id
            limit greatest(@max_oldest_contacts - (select count(*) from live), 0)
            for update of o skip locked
        ), heads as (
            select distinct on (profile_name, profile_key) id, profile_name, profile_key
            from (select * from live union all select * from oldest) c
            order by profile_name, profile_key, id
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
        select {HeadRowColumns}, held.fence as Fence
        from held join heads h on h.profile_name = held.profile_name and h.profile_key = held.profile_key
        {PendingRowsOfHead}
        """;

    /// <summary>
    /// Runs first in the claim's transaction. The claim's estimate (a keyset scan over every pending row, under a limit
    /// the planner cannot see through) often passes <c>jit_above_cost</c>, so Postgres compiled it for every round: a
    /// few milliseconds of server CPU for a statement that then runs in tens. JIT pays for long analytical queries,
    /// not for this one, and SET LOCAL keeps the change to the claim alone.
    /// </summary>
    public const string ClaimWithoutJit = "set local jit = off";

    /// <summary>
    /// What <see cref="Claim"/> would take if the claims were unlimited, read without taking anything (no hold, no
    /// lock; <c>plan</c>): every contact whose oldest pending row is due and that no claim or request holds, with its
    /// pending rows (at most @max_rows_per_contact, oldest first), shaped as claimed rows of fence 0.
    /// </summary>
    public const string ReadDue = $"""
        with heads as (
            select o.profile_name, o.profile_key
            from campaign_sync.outbox o
            where {DueUnheldHead}
              and not exists ({OlderPending})
        )
        select {HeadRowColumns}, 0::bigint as Fence
        from heads h
        {PendingRowsOfHead}
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

    /// <summary>
    /// Ends rows that will not be sent, each with its code and reason, in state @state (failed: the worker cannot
    /// send them; superseded: newer rows already applied in Campaign cover them). The row holds this final outcome;
    /// the history gets no line (it keeps only what came before a final state). Only rows still pending whose contact
    /// our claim (@fence) still holds. Answers each ended row's age from its creation in seconds, for the latency
    /// histogram.
    /// </summary>
    public const string Finish = """
        with r as (
            select * from unnest(@ids::bigint[], @codes::text[], @reasons::text[]) as r(id, code, reason)
        )
        update campaign_sync.outbox o
        set state = @state, outcome_code = r.code, outcome_description = r.reason, completed_at = now()
        from r
        where o.id = r.id and o.state = 'pending'
          and exists (
              select 1 from campaign_sync.contact_hold h
              where h.profile_name = o.profile_name and h.profile_key = o.profile_key and h.fence = @fence)
        returning extract(epoch from now() - o.created_at)::float8
        """;

    /// <summary>
    /// Claims whose lease ran out before their contacts became a request (their replica died or stalled) give up
    /// their holds; the rows never left pending. Each such lapse costs the contact's rows that were pending when it
    /// was claimed one attempt, so a contact whose rows crash every replica that claims them ends dead
    /// (<c>lease_expired</c>) after Outbox:MaxAttempts lapses instead of looping for ever. A lapse that leaves a row
    /// pending is a 'retry' line in the history; a row that ends dead holds that final outcome itself, with no line.
    /// Answers the holds freed.
    /// </summary>
    public const string ExpireLeases = """
        with expired as (
            delete from campaign_sync.contact_hold where batch_id is null and lease_until < now()
            returning profile_name, profile_key, held_since
        ), charged as (
            update campaign_sync.outbox o
            set attempts = o.attempts + 1,
                state = case when o.attempts + 1 >= @max_attempts then 'dead' else o.state end,
                outcome_code = case when o.attempts + 1 >= @max_attempts then @code else o.outcome_code end,
                outcome_description = case when o.attempts + 1 >= @max_attempts then @description else o.outcome_description end,
                completed_at = case when o.attempts + 1 >= @max_attempts then now() end
            from expired e
            where o.profile_name = e.profile_name and o.profile_key = e.profile_key and o.state = 'pending'
              and o.created_at <= e.held_since
            returning o.id, o.attempts, o.state
        ), history as (
            insert into campaign_sync.outcome (outbox_id, batch_id, attempt, state, code, description)
            select id, null, attempts, 'retry', @code, @description
            from charged
            where state <> 'dead'
        )
        select count(*) from expired
        """;
}
