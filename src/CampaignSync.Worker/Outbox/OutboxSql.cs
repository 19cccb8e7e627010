namespace CampaignSync.Outbox;

/// <summary>Runtime SQL for claiming and releasing outbox rows; <see cref="OutboxStore"/> is its only caller.</summary>
internal static class OutboxSql
{
    /// <summary>
    /// Claims up to @max_contacts contacts whose oldest unfinished row is pending and due, with all their pending
    /// rows, under a new fence. A contact with a row claimed, in flight or backing off is skipped, which is what
    /// keeps one request per contact in flight and per-contact order. The keyset (id &gt; @after_id) keeps each
    /// scan short; the caller resets it to 0 when a scan comes back short.
    /// SKIP LOCKED on the head row makes concurrent replicas pass over each other's contacts; a head that another
    /// replica claimed and committed in the meantime fails the re-checked state = 'pending' and drops out.
    /// </summary>
    public const string Claim = """
        with heads as (
            select o.id, o.profile_name, o.profile_key
            from campaign_sync.outbox o
            where o.state = 'pending'
              and o.id > @after_id
              and o.available_at <= now()
              and not exists (
                  select 1 from campaign_sync.outbox e
                  where e.profile_name = o.profile_name and e.profile_key = o.profile_key
                    and e.state in ('pending', 'claimed', 'in_flight') and e.id < o.id)
            order by o.id
            limit @max_contacts
            for update of o skip locked
        ), claim as (
            select nextval('campaign_sync.claim_fence') as fence
        )
        update campaign_sync.outbox o
        set state = 'claimed', lease_owner = @owner, lease_until = now() + @lease, fence = claim.fence
        from heads h, claim
        where o.profile_name = h.profile_name and o.profile_key = h.profile_key
          and o.state = 'pending' and o.id >= h.id
        returning o.id as Id, o.profile_name as ProfileName, o.profile_key as ProfileKey, o.operation as Operation,
                  o.attributes::text as AttributesJson, o.upsert_mode as UpsertMode, o.update_link as UpdateLink,
                  o.exparams as Exparams, o.attempts as Attempts, o.send_alone as SendAlone, o.fence as Fence
        """;

    /// <summary>Gives rows back to pending untouched (deferred by the fold) while our fence still holds them.</summary>
    public const string Release = """
        update campaign_sync.outbox
        set state = 'pending', lease_owner = null, lease_until = null, fence = null
        where id = any(@ids) and state = 'claimed' and fence = @fence
        """;

    /// <summary>Fails rows the worker cannot send, each with its reason, and records the outcome.</summary>
    public const string Reject = """
        with r as (
            select * from unnest(@ids::bigint[], @codes::text[], @reasons::text[]) as r(id, code, reason)
        ), updated as (
            update campaign_sync.outbox o
            set state = 'failed', outcome_code = r.code, outcome_description = r.reason, completed_at = now(),
                lease_owner = null, lease_until = null
            from r
            where o.id = r.id and o.state = 'claimed' and o.fence = @fence
            returning o.id, o.attempts, r.code, r.reason
        )
        insert into campaign_sync.outcome (outbox_id, batch_id, attempt, state, code, description)
        select id, null, attempts, 'failed', code, reason from updated
        """;

    /// <summary>Claimed rows whose lease ran out (their replica died or stalled before sending) go back to pending.</summary>
    public const string ExpireLeases = """
        update campaign_sync.outbox
        set state = 'pending', lease_owner = null, lease_until = null, fence = null
        where state = 'claimed' and lease_until < now()
        """;
}
