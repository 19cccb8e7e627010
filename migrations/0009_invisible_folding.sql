-- Folding must be invisible (issue 13).

-- A folded record (several rows of one contact) that Campaign refused for good is unfolded: its rows go back to
-- pending with send_alone set, and each is then sent as a record of its own, in id order, so only the bad row fails
-- and with its own reason. The fold never joins a send_alone row to another row.
alter table campaign_sync.outbox add column send_alone boolean not null default false;

-- Attempts count sends (issue 13). A refusal that provably sent nothing (an open circuit, 430/405/498, an
-- undocumented 4xx, a throttled or refused submit) costs no attempt; it is counted here instead, and after
-- Outbox:MaxRefusals of them the row is dead with the refusal's code, so every class of refusal ends.
alter table campaign_sync.outbox add column refusals integer not null default 0;
