-- Indexes for the dashboard's Campaign Sync pages (issue 5), so each page reads a few index pages on a table of
-- millions of rows instead of scanning it.

-- The Contact page looks a contact up by profile and key across all of its rows, final ones included (the partial
-- outbox_open_by_contact holds unfinished rows only). The retry action's "newer change of the same contact" check
-- reads the same path.
create index outbox_by_contact on campaign_sync.outbox (profile_name, profile_key, id);

-- The Overview counts failed and dead rows from the index alone (the failures index of 0005 has no state column,
-- and failed rows lie all over the table: counting through the heap read most of a 2-million-row table).
create index outbox_failures_by_state on campaign_sync.outbox (state) where state in ('failed', 'dead');

-- A request's page lists every outcome written for it, including those of rows that went back to pending (their
-- outbox row no longer points at the batch).
create index outcome_by_batch on campaign_sync.outcome (batch_id) where batch_id is not null;

-- The Overview's records-per-minute chart reads the requests completed in the last hour.
create index batch_by_completed_at on campaign_sync.batch (completed_at) where completed_at is not null;

-- The Overview lists requests whose update-count did not match (rare, so this index stays tiny).
create index batch_count_mismatches on campaign_sync.batch (id) where count_mismatch;
