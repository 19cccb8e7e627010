-- What every replica shares (issue 14): the Data Protection key ring, the operators' pause switch and the Campaign
-- rate budget. Each is a few small rows that all replicas read and update through Postgres.

-- The ASP.NET Core Data Protection key ring (the keys that sign the dashboard's antiforgery tokens), so a form that
-- one replica rendered is accepted by any other, and after a restart. Each row is one key's XML exactly as the
-- framework hands it over: already encrypted with the certificate of DataProtection:Certificate, never in clear.
create table campaign_sync.data_protection_key (
    id            bigint generated always as identity primary key,
    friendly_name text        not null,
    xml           text        not null,
    stored_at     timestamptz not null default now()
);

-- The operators' pause switch (the `pause` and `resume` verbs, the dashboard's button): while it is on no replica
-- claims or submits; polls of requests already sent go on. One row; each change is also an operator action.
-- action_id names that action but is no foreign key: retention deletes old operator actions, never the switch.
create table campaign_sync.pause_switch (
    singleton  boolean     primary key default true,
    paused     boolean     not null default false,
    actor      text,
    changed_at timestamptz,
    action_id  bigint,

    constraint pause_switch_one_row check (singleton)
);

insert into campaign_sync.pause_switch default values;

alter table campaign_sync.operator_action drop constraint operator_action_known;
alter table campaign_sync.operator_action add constraint operator_action_known
    check (action in ('retry', 'discard', 'abandon', 'pause', 'resume'));

-- One rate budget per Campaign tenant (its base URL), shared by every replica. next_at is when the next call may
-- start; each call takes the next slot in one UPDATE, at most Campaign:RequestsPerSecond slots in any second.
-- blocked_until is the end of a Retry-After that Campaign answered to any replica: no replica calls before it.
create table campaign_sync.rate_budget (
    tenant        text        primary key,
    next_at       timestamptz not null default '-infinity',
    blocked_until timestamptz not null default '-infinity'
);
