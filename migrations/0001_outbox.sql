-- The outbox: one row per profile change, written by other systems (the nightly CRM sync,
-- back-office apps). Writers only INSERT the contract columns (or call the functions in 0002);
-- every column below "worker-owned" belongs to CampaignSync. The README documents this contract.

create table campaign_sync.outbox (
    id                  bigint generated always as identity primary key,
    profile_name        text        not null,
    profile_key         text        not null,
    operation           text        not null,
    attributes          jsonb       not null default '{}'::jsonb,
    upsert_mode         smallint    not null default 1,
    update_link         smallint    not null default 2,
    exparams            text[]      not null default '{}',
    source              text        not null default 'unknown',
    created_at          timestamptz not null default now(),

    -- worker-owned
    state               text        not null default 'pending',
    attempts            integer     not null default 0,
    available_at        timestamptz not null default now(),
    lease_owner         text,
    lease_until         timestamptz,
    fence               bigint,
    batch_id            bigint,
    record_index        integer,
    outcome_code        text,
    outcome_description text,
    completed_at        timestamptz,

    constraint outbox_profile_name_not_blank check (btrim(profile_name) <> ''),
    constraint outbox_profile_key_not_blank  check (btrim(profile_key) <> ''),
    constraint outbox_operation_known        check (operation in ('upsert', 'delete')),
    constraint outbox_attributes_is_object   check (jsonb_typeof(attributes) = 'object'),
    constraint outbox_upsert_mode_range      check (upsert_mode between 0 and 2),
    constraint outbox_update_link_range      check (update_link between 1 and 3),
    constraint outbox_exparams_at_most_10    check (coalesce(array_ndims(exparams), 1) = 1 and cardinality(exparams) <= 10),
    constraint outbox_state_known            check (state in ('pending', 'claimed', 'in_flight', 'succeeded', 'failed', 'dead', 'superseded'))
);

comment on table campaign_sync.outbox is
    'Profile changes for Webex Campaign. Writers INSERT profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source; CampaignSync owns the rest.';

-- Claim scans pending rows by id (a keyset: id > last claimed), so it never rescans what it already passed.
create index outbox_pending_by_id on campaign_sync.outbox (id) where state = 'pending';

-- A contact's unfinished rows in insertion order: the per-contact ordering check and the fold read this.
create index outbox_open_by_contact on campaign_sync.outbox (profile_name, profile_key, id)
    where state in ('pending', 'claimed', 'in_flight');

-- Write-back addresses a request's records by batch and index.
create index outbox_by_batch on campaign_sync.outbox (batch_id, record_index) where batch_id is not null;

-- Claimed rows whose lease ran out go back to pending.
create index outbox_claimed_by_lease on campaign_sync.outbox (lease_until) where state = 'claimed';

-- Every claim takes a new fence value; a write guarded by a stale fence changes nothing.
create sequence campaign_sync.claim_fence;

-- One NOTIFY per inserting statement (not per row) wakes the workers; Postgres folds duplicates per transaction.
create function campaign_sync.notify_outbox() returns trigger
language plpgsql as $$
begin
    perform pg_notify('campaign_sync_outbox', '');
    return null;
end;
$$;

create trigger outbox_notify after insert on campaign_sync.outbox
    for each statement execute function campaign_sync.notify_outbox();
