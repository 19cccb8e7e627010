-- Retention (issue 14): the recurring retention job deletes old final rows, their outcome history, the batches no
-- row or history line refers to any more, and old operator actions, a small chunk per statement, oldest first.
-- Each chunk finds its rows through one of these indexes instead of scanning a table of millions.

-- Succeeded and superseded rows, oldest completion first (Retention:FinalRows).
create index outbox_done_by_completed_at on campaign_sync.outbox (completed_at) where state in ('succeeded', 'superseded');

-- Failed and dead rows, oldest completion first (Retention:FailedRows); the failures index of 0005 leads with the code.
create index outbox_failed_by_completed_at on campaign_sync.outbox (completed_at) where state in ('failed', 'dead');

-- A batch is kept while a split child refers to it (parent_batch_id has a foreign key).
create index batch_by_parent on campaign_sync.batch (parent_batch_id) where parent_batch_id is not null;
