-- One unfinished request per contact, enforced by a key instead of a query.
--
-- A claim takes a hold on every contact it claims (INSERT ... ON CONFLICT DO NOTHING in the claim's statement):
-- the primary key makes a second hold on the same contact impossible, whatever rows are visible to whom. The hold
-- passes to the request (batch_id) in the transaction that moves the rows to in flight, moves to the halves of a
-- split request, and is deleted in the transaction that writes the request's outcome. A request still processing
-- past its deadline keeps its holds (it is "stalled") until Campaign answers or an operator abandons it. A hold
-- with no request yet lives as long as the claim's lease, so a replica that dies after claiming frees it.
create table campaign_sync.contact_hold (
    profile_name text        not null,
    profile_key  text        not null,
    fence        bigint      not null,
    lease_until  timestamptz not null,
    batch_id     bigint,
    held_since   timestamptz not null default now(),
    primary key (profile_name, profile_key)
);

comment on table campaign_sync.contact_hold is
    'At most one hold per contact: the claim (fence) or the unfinished request (batch_id) that owns it. Worker-owned.';

-- Two small indexes beside the key (every claim inserts thousands of holds, so each index costs): holds by request,
-- and holds not yet passed to a request (the current claims only), found by claim or scanned whole for expiry.
create index contact_hold_by_batch on campaign_sync.contact_hold (batch_id) where batch_id is not null;
create index contact_hold_unbatched on campaign_sync.contact_hold (fence) where batch_id is null;

-- Contacts that already have unfinished rows when this script runs (an upgrade with rows in flight) get the hold
-- of their request, so the rule holds from the first claim on. Rows merely claimed lose their claim: their
-- replica predates holds and must not send them.
insert into campaign_sync.contact_hold (profile_name, profile_key, fence, lease_until, batch_id)
select distinct on (profile_name, profile_key) profile_name, profile_key, coalesce(fence, 0), now(), batch_id
from campaign_sync.outbox
where state = 'in_flight'
order by profile_name, profile_key, id desc;

update campaign_sync.outbox
set state = 'pending', lease_owner = null, lease_until = null, fence = null
where state = 'claimed';

-- Where a row sits in its contact's fold order, when that is not its id: a replay row the worker writes after a
-- late delete carries the values of rows that Campaign had already applied, and folds in their place (below any
-- newer row of the contact), not at the end. Null for every row a writer inserts.
alter table campaign_sync.outbox add column fold_position bigint;

-- A request still processing past its deadline: its contacts stay held, the dashboard and a metric show it, and
-- an operator may abandon it.
alter table campaign_sync.batch add column stalled_at timestamptz;

create index batch_stalled on campaign_sync.batch (id) where stalled_at is not null and state in ('submitted', 'polling');

-- An operator may abandon a stalled request (the `abandon` verb): recorded like retry and discard.
alter table campaign_sync.operator_action drop constraint operator_action_known;
alter table campaign_sync.operator_action add constraint operator_action_known check (action in ('retry', 'discard', 'abandon'));
