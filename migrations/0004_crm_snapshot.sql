-- The nightly CRM sync (issue 9): one row per run, and the snapshot it diffs against.
-- The CRM (Wethod) has no change feed and no tombstones, so each run reads every contact, hashes its mapped
-- profile, and compares with the hash it last wrote to the outbox. A run writes its outbox rows, its snapshot
-- changes and its final state in one transaction: a run that dies part-way leaves only its 'running' row.

create table campaign_sync.crm_run (
    id                bigint generated always as identity primary key,
    profile_name      text        not null,
    trigger           text        not null,
    state             text        not null default 'running',
    failure           text,
    detail            text,
    confirms_run_id   bigint references campaign_sync.crm_run (id),
    synced_before     integer,
    contacts_read     integer,
    clients_read      integer,
    upserts           integer,
    deletes           integer,
    unchanged         integer,
    skipped           integer,
    invalid_values    integer,
    started_at        timestamptz not null default now(),
    finished_at       timestamptz,
    confirmed_at      timestamptz,

    constraint crm_run_trigger_known check (trigger in ('schedule', 'cli', 'confirm')),
    -- 'confirmed': a run stopped at the delete brake that an operator released (crm-sync --confirm-deletes).
    constraint crm_run_state_known   check (state in ('running', 'succeeded', 'failed', 'confirmed')),
    constraint crm_run_failure_known check (failure is null or failure in ('read_failed', 'delete_brake', 'interrupted', 'error'))
);

comment on table campaign_sync.crm_run is
    'One row per CRM sync run: state, counts, and why it failed (delete_brake runs wait for crm-sync --confirm-deletes RUN).';

-- The last profile each CRM contact was synced as: its key (deletes need it once the contact is gone) and
-- the hash of the key and mapped attributes that went into the outbox.
create table campaign_sync.crm_snapshot (
    profile_name  text        not null,
    contact_id    bigint      not null,
    profile_key   text        not null,
    hash          text        not null,
    run_id        bigint      not null references campaign_sync.crm_run (id),
    synced_at     timestamptz not null default now(),

    primary key (profile_name, contact_id)
);

comment on table campaign_sync.crm_snapshot is
    'Per CRM contact and profile: the key and attribute hash last written to the outbox by the CRM sync.';
