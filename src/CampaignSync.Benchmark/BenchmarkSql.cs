namespace CampaignSync.Benchmark;

/// <summary>The benchmark's own SQL; <see cref="BenchmarkStore"/> is its only caller.</summary>
internal static class BenchmarkSql
{
    /// <summary>
    /// Every part starts from empty tables, so each measures the same fresh rows; Hangfire's schemas go too, so no job
    /// of an earlier part polls a batch id that the restarted identity hands out again (the store installs the worker's
    /// Hangfire schema again, as migrate would).
    /// </summary>
    /// <summary>Moves every loaded row to the bulk lane (a backfill).</summary>
    public const string MakeBulk = "update campaign_sync.outbox set lane = 'bulk'";

    /// <summary>Live upserts of contacts the backfill does not touch, written while it drains.</summary>
    public const string InsertLive = """
        insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, source)
        select @profile, 'live-' || i, 'upsert', jsonb_build_object('city', 'Live ' || i), 'benchmark-live'
        from generate_series(1, @rows) i
        """;

    /// <summary>The live rows' time from created_at to their final outcome: median and slowest, in seconds.</summary>
    public const string LiveLatency = """
        select (percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at)))::float8 as Median,
               max(extract(epoch from completed_at - created_at))::float8 as Slowest,
               (select count(*) from campaign_sync.outbox where lane = 'bulk' and completed_at > (select max(completed_at) from campaign_sync.outbox where lane = 'live')) as BulkFinishedAfter
        from campaign_sync.outbox where lane = 'live'
        """;

    public const string Reset = """
        truncate campaign_sync.outbox, campaign_sync.outcome, campaign_sync.batch, campaign_sync.contact_hold restart identity;
        drop schema if exists campaign_sync_hangfire cascade;
        drop schema if exists campaign_sync_benchmark_baseline cascade;
        """;

    public const string Analyze = "vacuum analyze campaign_sync.outbox";

    /// <summary>The open rows, for the progress line: a whole-table scan, so only every few seconds.</summary>
    public const string CountOpen = """
        select count(*) from campaign_sync.outbox where state in ('pending', 'in_flight')
        """;

    /// <summary>
    /// One open row or none: the first live entry of the open-rows partial index. The order by that index's key makes
    /// the planner walk the index (a few pages) rather than scan the table; a count(*) each second is a parallel
    /// scan of the whole table that took a third of a core from the run it was watching.
    /// </summary>
    public const string FirstOpen = """
        select id from campaign_sync.outbox
        where state in ('pending', 'in_flight')
        order by profile_name, profile_key, id
        limit 1
        """;

    public const string CountByState = """
        select state as Name, count(*) as Count from campaign_sync.outbox group by state
        """;

    public const string DatabaseNow = "select clock_timestamp()";

    /// <summary>When the last row became final (the time of its write-back's transaction).</summary>
    public const string LastCompletedAt = "select max(completed_at) from campaign_sync.outbox";

    public const string FirstBatchCreatedAt = "select min(created_at) from campaign_sync.batch";

    public const string PendingIds = "select id from campaign_sync.outbox where state = 'pending' order by id";

    /// <summary>
    /// The Postgres-only writes of one claim, the row writes the worker makes with no HTTP: its rows move to in flight
    /// (one statement, as when a batch is written), then succeed in one statement that frees the claim's contact holds
    /// (as in a write-back). A success is a final outcome, which the row holds: no history line, as in the worker.
    /// </summary>
    public const string SucceedClaimed = """
        update campaign_sync.outbox o
        set state = 'in_flight', record_index = 0
        where o.id = any(@ids) and o.state = 'pending';
        with freed as (
            delete from campaign_sync.contact_hold where fence = @fence
        )
        update campaign_sync.outbox o
        set state = 'succeeded', attempts = o.attempts + 1, completed_at = now()
        where o.id = any(@ids) and o.state = 'in_flight'
        """;

    /// <summary>The upsert requests of a drain: how many, how full, and how often each was polled.</summary>
    public const string UpsertBatchFacts = """
        select count(*) as Requests, coalesce(avg(record_count), 0)::float8 as AverageRecords,
               coalesce(sum(polls), 0) as StillProcessingPolls
        from campaign_sync.batch where operation = 'upsert' and state = 'completed'
        """;

    /// <summary>One row as the one-job-per-record baseline reads it.</summary>
    public const string LoadRow = """
        select id as Id, profile_name as ProfileName, profile_key as ProfileKey, operation as Operation,
               attributes::text as AttributesJson, upsert_mode as UpsertMode, update_link as UpdateLink, exparams as Exparams
        from campaign_sync.outbox where id = @id and state = 'pending'
        """;

    /// <summary>
    /// The baseline's write-back: one row, one statement, guarded so a job that runs twice writes once. Its outcome is
    /// final, which the row holds: no history line, as in the worker.
    /// </summary>
    public const string FinishRow = """
        update campaign_sync.outbox
        set state = @state, attempts = attempts + 1, outcome_code = @code, outcome_description = @description, completed_at = now()
        where id = @id and state = 'pending'
        """;
}
