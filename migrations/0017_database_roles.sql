-- Least privilege (issue 15): three credentials instead of one owner-level login.
--   migrator  the login that runs `migrate` (ConnectionStrings:Migrator): owner of every object here and of Hangfire's
--             schema, which `migrate` installs too; the only one that runs DDL or may rewrite the operator audit.
--   campaign_sync_runtime   the worker (`run`, the dashboard): DML on our tables and Hangfire's, no DDL. It appends
--             to operator_action and deletes only actions older than 30 days, through delete_old_operator_actions.
--   campaign_sync_operator  the operator CLI (retry, discard, abandon, enqueue, status): DML on our tables, nothing on
--             Hangfire's (a job row is code that every worker pod runs), append-only on operator_action.
-- Both are NOLOGIN group roles; a DBA creates one login per credential in them (docs/database-roles.sql). Roles belong
-- to the cluster: where the migrating user may not create roles, this script creates none and `migrate` and `status`
-- print a WARNING naming the missing roles until a DBA has created them; the next `migrate` then grants.
-- The grants themselves are in grant_role_privileges, which `migrate` calls after every run (and after installing
-- Hangfire's schema), schema-wide, so a later migration's tables and columns are covered without a grant of their own.

do $$
declare
    group_role text;
begin
    foreach group_role in array array['campaign_sync_runtime', 'campaign_sync_operator'] loop
        begin
            execute format('create role %I nologin', group_role);
        exception
            when duplicate_object then null;
            when insufficient_privilege then
                raise notice '% was not created: the migrating user may not create roles', group_role;
        end;
    end loop;
end;
$$;

-- Retention's only way to delete operator actions (Retention:OperatorActions, at least 30 days): runs as its owner, the
-- migrator, and refuses a younger limit, so a runtime credential cannot erase recent actions.
create function campaign_sync.delete_old_operator_actions(p_age interval, p_chunk integer)
returns integer
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    deleted integer;
begin
    if p_age < interval '30 days' then
        raise exception 'operator actions are kept at least 30 days; asked to delete those older than %', p_age
            using errcode = 'insufficient_privilege';
    end if;

    with doomed as (
        select id from campaign_sync.operator_action
        where acted_at < now() - p_age
        order by acted_at
        limit p_chunk
        for update skip locked
    )
    delete from campaign_sync.operator_action a using doomed d where a.id = d.id;
    get diagnostics deleted = row_count;
    return deleted;
end;
$$;

revoke execute on function campaign_sync.delete_old_operator_actions(interval, integer) from public;

-- Grants every privilege of the three group roles that exist, and returns the names of those that do not. Idempotent;
-- `migrate` calls it with Polling:HangfireSchema after every run. operator_action and the DbUp journal are left out of
-- the schema-wide DML: the runtime and the operator insert actions (acted_at is the server's now(), never theirs) and
-- change neither.
create function campaign_sync.grant_role_privileges(p_hangfire_schema text)
returns text[]
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    missing text[] := '{}';
    member text;
    writer_function regprocedure;
begin
    if exists (select 1 from pg_roles where rolname = 'campaign_sync_writer') then
        -- Migrations 0006's and 0016's grants, again: the writer role may have been created by a DBA after 0006 ran.
        grant usage on schema campaign_sync to campaign_sync_writer;
        grant insert (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source, lane)
            on campaign_sync.outbox to campaign_sync_writer;
        grant select (id) on campaign_sync.outbox to campaign_sync_writer;
        for writer_function in
            select p.oid::regprocedure from pg_proc p
            where p.pronamespace = 'campaign_sync'::regnamespace and p.proname in ('enqueue_upsert', 'enqueue_delete')
        loop
            execute format('grant execute on function %s to campaign_sync_writer', writer_function);
        end loop;
    else
        missing := missing || 'campaign_sync_writer'::text;
    end if;

    foreach member in array array['campaign_sync_runtime', 'campaign_sync_operator'] loop
        if not exists (select 1 from pg_roles where rolname = member) then
            missing := missing || member;
            continue;
        end if;

        execute format('grant usage on schema campaign_sync to %I', member);
        execute format('grant select, insert, update, delete on all tables in schema campaign_sync to %I', member);
        execute format('grant usage, select, update on all sequences in schema campaign_sync to %I', member);
        execute format('revoke insert, update, delete, truncate on campaign_sync.operator_action, campaign_sync.schema_versions from %I', member);
        execute format('grant insert (action, actor, filter, row_count, outbox_ids) on campaign_sync.operator_action to %I', member);
    end loop;

    if exists (select 1 from pg_roles where rolname = 'campaign_sync_runtime') then
        grant execute on function campaign_sync.delete_old_operator_actions(interval, integer) to campaign_sync_runtime;
        if to_regnamespace(p_hangfire_schema) is not null then
            execute format('grant usage on schema %I to campaign_sync_runtime', p_hangfire_schema);
            execute format('grant select, insert, update, delete on all tables in schema %I to campaign_sync_runtime', p_hangfire_schema);
            execute format('grant usage, select, update on all sequences in schema %I to campaign_sync_runtime', p_hangfire_schema);
        end if;
    end if;

    return missing;
end;
$$;

revoke execute on function campaign_sync.grant_role_privileges(text) from public;
