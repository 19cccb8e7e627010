-- Lanes (issue 18): a writer marks a row `bulk` (a backfill, a full resync) or leaves it `live` (the default). The
-- claim serves contacts with live rows first and gives bulk rows only a share of the rate budget while live rows
-- wait, so a live change written during a backfill is not queued behind it. A contact's rows fold together in id
-- order whatever their lanes: a live row never overtakes an older bulk row of its contact.
alter table campaign_sync.outbox add column lane text not null default 'live';
alter table campaign_sync.outbox add constraint outbox_lane_known check (lane in ('live', 'bulk'));

-- The claim's first scan: pending live rows by id. A backfill leaves this index small.
create index outbox_pending_live_by_id on campaign_sync.outbox (id) where state = 'pending' and lane = 'live';

-- The writer functions take the lane too (default live; existing calls keep working).
drop function campaign_sync.enqueue_upsert(text, text, jsonb, smallint, smallint, text[], text);
drop function campaign_sync.enqueue_delete(text, text, text[], text);

create function campaign_sync.enqueue_upsert(
    p_profile_name text,
    p_profile_key  text,
    p_attributes   jsonb,
    p_upsert_mode  smallint default 1,
    p_update_link  smallint default 2,
    p_exparams     text[]   default '{}',
    p_source       text     default 'unknown',
    p_lane         text     default 'live')
returns bigint
language sql as $$
    insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source, lane)
    values (p_profile_name, p_profile_key, 'upsert', p_attributes, p_upsert_mode, p_update_link, p_exparams, p_source, p_lane)
    returning id;
$$;

create function campaign_sync.enqueue_delete(
    p_profile_name text,
    p_profile_key  text,
    p_exparams     text[] default '{}',
    p_source       text   default 'unknown',
    p_lane         text   default 'live')
returns bigint
language sql as $$
    insert into campaign_sync.outbox (profile_name, profile_key, operation, exparams, source, lane)
    values (p_profile_name, p_profile_key, 'delete', p_exparams, p_source, p_lane)
    returning id;
$$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'campaign_sync_writer') then
        grant insert (lane) on campaign_sync.outbox to campaign_sync_writer;
        grant execute on function campaign_sync.enqueue_upsert(text, text, jsonb, smallint, smallint, text[], text, text)
            to campaign_sync_writer;
        grant execute on function campaign_sync.enqueue_delete(text, text, text[], text, text) to campaign_sync_writer;
    end if;
end;
$$;

-- A request carries the lane of its contacts (a contact with any live row is live): bulk requests may hold only
-- Submission:BulkShare of the open requests, the rest stay free for live ones.
alter table campaign_sync.batch add column lane text not null default 'live';
alter table campaign_sync.batch add constraint batch_lane_known check (lane in ('live', 'bulk'));

-- `crm-sync --full` (a full resync) re-sends every CRM contact in the bulk lane: its runs are recorded with trigger
-- 'full', and as an operator action ('resync'), like retry and discard.
alter table campaign_sync.crm_run drop constraint crm_run_trigger_known;
alter table campaign_sync.crm_run add constraint crm_run_trigger_known check (trigger in ('schedule', 'cli', 'confirm', 'full'));
alter table campaign_sync.operator_action drop constraint operator_action_known;
alter table campaign_sync.operator_action add constraint operator_action_known
    check (action in ('retry', 'discard', 'abandon', 'pause', 'resume', 'resync'));
