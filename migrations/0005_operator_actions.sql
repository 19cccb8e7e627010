-- What operators did to failed and dead rows (the `retry` and `discard` verbs, and the dashboard's actions):
-- who, when, with which filter, how many rows, and which ones. The outbox's states stay as the design fixes them:
-- a retried row goes back to 'pending' (its history gets a 'retry' outcome naming the action); a discarded row
-- keeps its final state ('failed' or 'dead') and takes outcome_code 'discarded', its description naming the action
-- and the code it had before.

create table campaign_sync.operator_action (
    id          bigint generated always as identity primary key,
    action      text        not null,
    actor       text        not null,
    acted_at    timestamptz not null default now(),
    filter      text        not null,
    row_count   integer     not null,
    outbox_ids  bigint[]    not null,

    constraint operator_action_known check (action in ('retry', 'discard')),
    constraint operator_action_actor_not_blank check (btrim(actor) <> '')
);

create index operator_action_by_time on campaign_sync.operator_action (acted_at);

-- Retry and discard filter failed and dead rows by code and by when they ended.
create index outbox_final_failures on campaign_sync.outbox (outcome_code, completed_at) where state in ('failed', 'dead');
