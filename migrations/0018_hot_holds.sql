-- Fewer index writes per row (issue 12).
--
-- A hold passes to its request by an update of batch_id, and two partial indexes named batch_id, so the update was
-- never HOT: each hand-over wrote a new entry in the primary key and in contact_hold_by_batch, and each claim an
-- entry in contact_hold_unbatched besides the key. Every statement now reaches a hold by its primary key (profile,
-- key) from what its caller knows: the round's contacts (a claim giving back the holds it did not use), the batch's
-- keys (the hand-over, a split, the release when the outcome is written: the keys of the batch's rows in flight,
-- through outbox_by_batch). Only the sweep reads holds by lease or by finished batch, and it scans the table, which
-- holds the held contacts only. With spare room on each page (fillfactor) the hand-over and the kept hold's new
-- lease are heap-only updates: one heap record, no index entry.
drop index campaign_sync.contact_hold_by_batch;
drop index campaign_sync.contact_hold_unbatched;
alter table campaign_sync.contact_hold set (fillfactor = 50);

-- The outbox keeps both of its indexes on (profile_name, profile_key, id). The partial one (outbox_open_by_contact,
-- unfinished rows) cannot serve the dashboard's contact page or the late-row lookup, which read finished rows; the
-- full one (outbox_by_contact) could serve the claim's head test ("no older pending row of the contact") only by
-- reading every finished row of the contact's retained history from the heap, for each head candidate of each
-- claim, and it would take the exact counts of unfinished rows (dashboard, metrics) off their index.
