namespace CampaignSync.Crm;

/// <summary>SQL of the CRM sync's run and snapshot tables (0004) and its outbox insert; <see cref="CrmStore"/> is its only caller.</summary>
internal static class CrmSql
{
    /// <summary>A session lock held for a whole run, so runs (the recurring job, the CLI, other replicas) never overlap.</summary>
    public const string TryLock = "select pg_try_advisory_lock(@key)";

    public const string Unlock = "select pg_advisory_unlock(@key)";

    /// <summary>Under the run lock no run is alive, so a run still 'running' died with its process.</summary>
    public const string MarkInterrupted = """
        update campaign_sync.crm_run
        set state = 'failed', failure = 'interrupted', detail = 'the process ended before the run finished', finished_at = now()
        where state = 'running'
        """;

    public const string StartRun = """
        insert into campaign_sync.crm_run (profile_name, trigger, confirms_run_id)
        values (@profile_name, @trigger, @confirms_run_id)
        returning id
        """;

    public const string LoadSnapshot = """
        select contact_id as ContactId, profile_key as ProfileKey, hash as Hash
        from campaign_sync.crm_snapshot
        where profile_name = @profile_name
        """;

    public const string LoadRun = """
        select id as Id, state as State, failure as Failure, deletes as Deletes
        from campaign_sync.crm_run
        where id = @id
        """;

    public const string FailRun = """
        update campaign_sync.crm_run
        set state = 'failed', failure = @failure, detail = @detail, finished_at = now(),
            synced_before = @synced_before, contacts_read = @contacts_read, clients_read = @clients_read,
            upserts = @upserts, deletes = @deletes, unchanged = @unchanged, skipped = @skipped, invalid_values = @invalid_values
        where id = @id and state = 'running'
        """;

    public const string SucceedRun = """
        update campaign_sync.crm_run
        set state = 'succeeded', finished_at = now(),
            synced_before = @synced_before, contacts_read = @contacts_read, clients_read = @clients_read,
            upserts = @upserts, deletes = @deletes, unchanged = @unchanged, skipped = @skipped, invalid_values = @invalid_values
        where id = @id and state = 'running'
        """;

    /// <summary>Releases a run stopped at the brake: guarded, so a run is confirmed once.</summary>
    public const string ConfirmRun = """
        update campaign_sync.crm_run
        set state = 'confirmed', confirmed_at = now()
        where id = @id and state = 'failed' and failure = 'delete_brake'
        """;

    /// <summary>The run's rows in the given order (ids follow it), through the same columns any writer uses.</summary>
    public const string InsertOutbox = """
        with written as (
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, source, lane)
            select @profile_name, r.profile_key, r.operation, coalesce(r.attributes, '{}')::jsonb, @source, @lane
            from unnest(@keys::text[], @operations::text[], @attributes::text[]) with ordinality as r(profile_key, operation, attributes, n)
            order by r.n
            returning id
        )
        select min(id) as FirstId, max(id) as LastId from written
        """;

    /// <summary>A full resync is recorded as an operator action, in the transaction that writes its rows.</summary>
    public const string RecordResync = """
        insert into campaign_sync.operator_action (action, actor, filter, row_count, outbox_ids)
        values ('resync', @actor, @filter, @row_count, array[]::bigint[])
        """;

    public const string Remember = """
        insert into campaign_sync.crm_snapshot (profile_name, contact_id, profile_key, hash, run_id)
        select @profile_name, r.contact_id, r.profile_key, r.hash, @run_id
        from unnest(@contact_ids::bigint[], @keys::text[], @hashes::text[]) as r(contact_id, profile_key, hash)
        on conflict (profile_name, contact_id) do update
        set profile_key = excluded.profile_key, hash = excluded.hash, run_id = excluded.run_id, synced_at = now()
        """;

    public const string Forget = """
        delete from campaign_sync.crm_snapshot
        where profile_name = @profile_name and contact_id = any(@contact_ids)
        """;
}
