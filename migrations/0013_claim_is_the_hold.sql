-- The contact's hold is the claim (issue 12): a claim takes holds and reads the contacts' pending rows without
-- writing them, and rows go from pending to in flight in the transaction that writes their request. On the success
-- path a row is written twice (in flight, final) instead of three times, and the claimed state, its lease and its
-- fence live only on the hold. A claim whose replica dies before sending frees its holds when their lease ends; the
-- rows never left pending.

-- An upgrade with rows merely claimed: their replica predates this script and must not send them.
delete from campaign_sync.contact_hold where batch_id is null;
update campaign_sync.outbox set state = 'pending' where state = 'claimed';

drop index campaign_sync.outbox_claimed_by_lease;
drop index campaign_sync.outbox_open_by_contact;
alter table campaign_sync.outbox drop constraint outbox_state_known;
alter table campaign_sync.outbox drop column lease_owner, drop column lease_until, drop column fence;
alter table campaign_sync.outbox add constraint outbox_state_known
    check (state in ('pending', 'in_flight', 'succeeded', 'failed', 'dead', 'superseded'));

-- A contact's unfinished rows in insertion order: the claim reads a held contact's pending rows through it, and the
-- head test ("no older pending row") stays short however long the contact's history grows.
create index outbox_open_by_contact on campaign_sync.outbox (profile_name, profile_key, id)
    where state in ('pending', 'in_flight');
