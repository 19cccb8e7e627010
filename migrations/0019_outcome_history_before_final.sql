-- What the outcome history holds since issue 12. A row's final outcome (succeeded, superseded, failed, dead) is on the
-- outbox row only: state, outcome_code, outcome_description, completed_at (its time), batch_id (its request) and
-- attempts. The history keeps what happened before it: a line per retry (a write-back, an unfolded record or a lapsed
-- claim that sent the row back to pending), and for an operator retry the final outcome it took back, as it was,
-- followed by its operator_retry line. A row's whole story is its lines, oldest first, then its final outcome. Writing
-- the final outcome here as well cost an insert and three index entries for every row, the success path included.
comment on table campaign_sync.outcome is
    'What happened to an outbox row before its final outcome (retries; a final outcome an operator retry took back; operator retries). The final outcome is on the outbox row. Worker-owned.';

-- Lines written before this script that repeat a row's current final outcome (a final-state line that no operator
-- retry took back) go, so the dashboard does not show that outcome twice. Runs once; on a large history it deletes
-- about one line per finished row.
delete from campaign_sync.outcome h
using campaign_sync.outbox o
where o.id = h.outbox_id
  and o.state in ('succeeded', 'superseded', 'failed', 'dead')
  and h.state <> 'retry'
  and not exists (
      select 1 from campaign_sync.outcome r
      where r.outbox_id = h.outbox_id and r.code = 'operator_retry' and r.id > h.id);
