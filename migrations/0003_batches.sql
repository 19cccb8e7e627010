-- One row per API request (an async upsert) or per group of single delete calls.
-- The row is written before the call (state 'submitting'), so a crash between call and record is visible.

create table campaign_sync.batch (
    id               bigint generated always as identity primary key,
    parent_batch_id  bigint references campaign_sync.batch (id),
    profile_name     text        not null,
    operation        text        not null,
    upsert_mode      smallint    not null,
    update_link      smallint    not null,
    record_count     integer     not null,
    state            text        not null default 'submitting',
    request_id       text,
    lease_owner      text        not null,
    fence            bigint      not null,
    polls            integer     not null default 0,
    next_poll_at     timestamptz,
    deadline_at      timestamptz not null,
    update_count     bigint,
    error_lines      integer,
    count_mismatch   boolean     not null default false,
    anomalies        jsonb       not null default '[]'::jsonb,
    code             text,
    description      text,
    created_at       timestamptz not null default now(),
    submitted_at     timestamptz,
    completed_at     timestamptz,

    constraint batch_operation_known check (operation in ('upsert', 'delete')),
    constraint batch_state_known     check (state in ('submitting', 'submitted', 'polling', 'completed', 'failed', 'expired')),
    constraint batch_record_count_positive check (record_count > 0)
);

create index batch_open_by_next_poll on campaign_sync.batch (next_poll_at)
    where state in ('submitting', 'submitted', 'polling');

create unique index batch_by_request_id on campaign_sync.batch (request_id) where request_id is not null;

-- The history of every outcome a row received: one line per attempt and per final state.
create table campaign_sync.outcome (
    id           bigint generated always as identity primary key,
    outbox_id    bigint      not null,
    batch_id     bigint,
    attempt      integer     not null,
    state        text        not null,
    code         text,
    description  text,
    recorded_at  timestamptz not null default now(),

    constraint outcome_state_known check (state in ('succeeded', 'failed', 'dead', 'superseded', 'retry'))
);

create index outcome_by_outbox on campaign_sync.outcome (outbox_id);
