namespace CampaignSync.Submission;

/// <summary>Runtime SQL for the batch table; <see cref="BatchStore"/> is its only caller.</summary>
internal static class BatchSql
{
    /// <summary>The batch row is written before the API call, so a crash between the two is visible.</summary>
    public const string Insert = """
        insert into campaign_sync.batch
            (parent_batch_id, profile_name, operation, upsert_mode, update_link, record_count, lease_owner, fence, deadline_at, lane)
        values
            (@parent_batch_id, @profile_name, @operation, @upsert_mode, @update_link, @record_count, @owner, @fence, now() + @deadline, @lane)
        returning id
        """;

    /// <summary>
    /// Moves the batch's rows from pending to in flight, in the transaction that passes their contacts' holds to the
    /// batch (<see cref="HoldForBatch"/>, first): with the holds ours, only a row an operator ended meanwhile is no
    /// longer pending, and then the caller writes nothing.
    /// </summary>
    public const string AssignClaimedRows = """
        update campaign_sync.outbox o
        set state = 'in_flight', batch_id = @batch_id, record_index = r.idx
        from unnest(@ids::bigint[], @idx::int[]) as r(id, idx)
        where o.id = r.id and o.state = 'pending'
        """;

    /// <summary>
    /// Passes our claim's holds on the batch's contacts to the batch, in the transaction that moves their rows to in
    /// flight. Fewer holds than contacts means the claim lapsed (its lease ended and the sweep freed them). The row
    /// locks taken here keep the sweep from freeing the holds until the transaction ends. The claim's holds are read by
    /// their fence (contact_hold_by_fence) and the keys are a filter, not a join: statistics never know a new fence, and
    /// a join planned on "one hold of that fence" rescans the keys for each of the claim's holds. No index names
    /// batch_id, so the update is heap-only.
    /// </summary>
    public const string HoldForBatch = """
        update campaign_sync.contact_hold h
        set batch_id = @batch_id
        where h.fence = @fence and h.batch_id is null and h.profile_name = @profile_name and h.profile_key = any(@keys::text[])
          and h.lease_until > now()
        """;

    /// <summary>
    /// Passes the holds of one half's contacts from the split request to the half: the split request's holds are those
    /// of its claim's fence (the batch's own) that it owns.
    /// </summary>
    public const string MoveHolds = """
        update campaign_sync.contact_hold h
        set batch_id = @batch_id
        from campaign_sync.batch p
        where p.id = @parent_batch_id and h.fence = p.fence and h.batch_id = p.id
          and h.profile_name = @profile_name and h.profile_key = any(@keys::text[])
        """;

    /// <summary>
    /// Writes the replay rows of late deletes sent in this batch: each folds at the position of the rows it replays,
    /// and waits for the delete, since the batch holds its contact.
    /// </summary>
    public const string InsertReplays = """
        insert into campaign_sync.outbox
            (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source, fold_position)
        select @profile_name, r.profile_key, 'upsert', r.attributes::jsonb, 1, r.update_link, @exparams, @source, r.position
        from unnest(@keys::text[], @attributes::text[], @update_links::smallint[], @positions::bigint[])
            as r(profile_key, attributes, update_link, position)
        """;

    /// <summary>
    /// The fence every call is made under: how long calls may still start, while the batch is being submitted and its
    /// deadline is far enough that a call (with all its retries, <c>Campaign:TotalTimeout</c>) ends before it. Past
    /// that, the sweep may end the batch and send its rows again, so a call started later could overlap the resend.
    /// No row (zero) once the batch left <c>submitting</c>. Only the submitter's own writes and, past the deadline, the
    /// sweep move it out, so the window read once before a batch's calls holds for all of them on a monotonic clock.
    /// </summary>
    public const string SendWindow = """
        select greatest(deadline_at - now() - @call_time, interval '0')
        from campaign_sync.batch where id = @batch_id and state = 'submitting'
        """;

    /// <summary>Moves rows of a rejected request into one of its halves (splitting isolates a bad record).</summary>
    public const string ReassignRows = """
        update campaign_sync.outbox o
        set batch_id = @batch_id, record_index = r.idx
        from unnest(@ids::bigint[], @idx::int[]) as r(id, idx)
        where o.id = r.id and o.state = 'in_flight' and o.batch_id = @parent_batch_id
        """;

    public const string MarkSubmitted = """
        update campaign_sync.batch
        set state = 'submitted', request_id = @request_id, submitted_at = now(), next_poll_at = now() + @first_poll
        where id = @batch_id and state = 'submitting'
        """;

    /// <summary>A submit with no answer: the request may exist, so the rows wait for the deadline (see sweep).</summary>
    public const string MarkUnanswered = """
        update campaign_sync.batch
        set code = @code, description = @description
        where id = @batch_id and state = 'submitting'
        """;

    /// <summary>Ends a parent batch that was split; its rows already belong to the halves.</summary>
    public const string MarkSplit = """
        update campaign_sync.batch
        set state = 'failed', code = @code, description = @description, completed_at = now()
        where id = @batch_id and state = 'submitting'
        """;

    /// <summary>Open requests (submitting, submitted or polling), all and those of the bulk lane.</summary>
    public const string CountOpen = """
        select count(*) as Open, count(*) filter (where lane = 'bulk') as Bulk
        from campaign_sync.batch where state in ('submitting', 'submitted', 'polling')
        """;

    /// <summary>Submits that never got an answer and whose deadline passed: the request, if any, is over.</summary>
    public const string FindUnansweredPastDeadline = """
        select id from campaign_sync.batch where state = 'submitting' and deadline_at < now() order by id limit 1000
        """;

    public const string LoadForPoll = """
        select id as Id, state as State, request_id as RequestId, record_count as RecordCount, polls as Polls,
               deadline_at < now() as PastDeadline, profile_name as ProfileName, upsert_mode as UpsertMode
        from campaign_sync.batch where id = @batch_id
        """;

    /// <summary>
    /// Marks a request that Campaign still reports processing past its deadline. Its contacts stay held: sending its
    /// records again could overlap it. Answers true only the first time.
    /// </summary>
    public const string MarkStalled = """
        update campaign_sync.batch
        set stalled_at = now()
        where id = @batch_id and state in ('submitted', 'polling') and stalled_at is null
        """;

    /// <summary>Each record of an open batch: its index, key and the attributes of its newest row.</summary>
    public const string LoadRecords = """
        select distinct on (record_index) record_index as Index, profile_key as Key, attributes::text as AttributesJson
        from campaign_sync.outbox
        where batch_id = @batch_id and state = 'in_flight'
        order by record_index, id desc
        """;

    /// <summary>Counts a poll that found the request still processing and sets when the next one is due.</summary>
    public const string MarkPolled = """
        update campaign_sync.batch
        set state = 'polling', polls = polls + 1, next_poll_at = now() + @next_poll
        where id = @batch_id and state in ('submitted', 'polling')
        """;

    /// <summary>
    /// Requests whose next poll is overdue by @grace: their Hangfire job was lost (e.g. a crash between
    /// submit and schedule). Pushing next_poll_at forward claims them for one re-enqueue per sweep.
    /// </summary>
    public const string ClaimLostPolls = """
        update campaign_sync.batch
        set next_poll_at = now() + @grace
        where id in (
            select id from campaign_sync.batch
            where state in ('submitted', 'polling') and next_poll_at < now() - @grace
            order by next_poll_at limit 1000
            for update skip locked)
        returning id
        """;
}
