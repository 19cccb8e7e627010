-- Folding must be invisible (issue 13).

-- A folded record (several rows of one contact) that Campaign refused for good is unfolded: its rows go back to
-- pending with send_alone set, and each is then sent as a record of its own, in id order, so only the bad row fails
-- and with its own reason. The fold never joins a send_alone row to another row.
alter table campaign_sync.outbox add column send_alone boolean not null default false;
