-- Fewer index writes per row (issue 12).
--
-- A hold passes to its request by an update of batch_id, and two partial indexes named batch_id
-- (contact_hold_by_batch, and contact_hold_unbatched through its predicate), so the update was never heap-only: each
-- hand-over wrote a new entry in the primary key and in contact_hold_by_batch. One index on the fence replaces them:
-- a fence never changes on a hold, and every hold of a batch carries the fence of the claim that took it, which is
-- the batch's own. The hand-over (by the claim's fence), a split (by the batch's fence) and the release when the
-- outcome is written (by the batch's fence) read the holds through it; the sweep reads holds by lease or by finished
-- batch and scans the table, which holds the held contacts only. With spare room on each page (fillfactor) the
-- hand-over and a kept hold's new lease are heap-only updates: one heap record, no index entry.
drop index campaign_sync.contact_hold_by_batch;
drop index campaign_sync.contact_hold_unbatched;
create index contact_hold_by_fence on campaign_sync.contact_hold (fence);
alter table campaign_sync.contact_hold set (fillfactor = 50);

-- The outbox keeps both of its indexes on (profile_name, profile_key, id). The partial one (outbox_open_by_contact,
-- unfinished rows) cannot serve the dashboard's contact page or the late-row lookup, which read finished rows; the
-- full one (outbox_by_contact) could serve the claim's head test ("no older pending row of the contact") only by
-- reading every finished row of the contact's retained history from the heap, for each head candidate of each
-- claim, and it would take the exact counts of unfinished rows (dashboard, metrics) off their index.
