-- The role other systems write the outbox with: it may INSERT the contract columns (or call the two writer
-- functions) and nothing else: no UPDATE, no DELETE, no reading other rows (only the new row's id, which
-- INSERT ... RETURNING id and the functions return). Grant it to a login role per writer, e.g.
--     create role crm_sync login password '...' in role campaign_sync_writer;
-- Roles belong to the cluster, not the database: where the migrating user may not create roles (some managed
-- services), this script says so and grants nothing; a DBA can create the role and re-run these grants.

do $$
begin
    create role campaign_sync_writer nologin;
exception
    when duplicate_object then null;
    when insufficient_privilege then
        raise notice 'campaign_sync_writer was not created: the migrating user may not create roles';
end;
$$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'campaign_sync_writer') then
        grant usage on schema campaign_sync to campaign_sync_writer;
        grant insert (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source)
            on campaign_sync.outbox to campaign_sync_writer;
        grant select (id) on campaign_sync.outbox to campaign_sync_writer;
        grant execute on function campaign_sync.enqueue_upsert(text, text, jsonb, smallint, smallint, text[], text)
            to campaign_sync_writer;
        grant execute on function campaign_sync.enqueue_delete(text, text, text[], text) to campaign_sync_writer;
    end if;
end;
$$;
