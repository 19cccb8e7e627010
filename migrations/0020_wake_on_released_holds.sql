-- A released hold wakes the claim loops (issue 12). A contact's next rows wait while its request is unfinished; when
-- the request's outcome is written (or a lapsed claim or a kept hold is let go), its hold is deleted and those rows
-- are due at once. Until now only an insert into the outbox notified, so with no new writes the rows waited for the
-- claim loop's fallback poll (Outbox:PollInterval, 5 s by default). Every statement that deletes holds now notifies
-- the same channel as an insert, whichever replica or job ran it, once per statement and only when it deleted some.
create function campaign_sync.notify_released_holds() returns trigger
language plpgsql as $$
begin
    if exists (select 1 from released) then
        perform pg_notify('campaign_sync_outbox', '');
    end if;
    return null;
end;
$$;

create trigger contact_hold_released after delete on campaign_sync.contact_hold
    referencing old table as released
    for each statement execute function campaign_sync.notify_released_holds();
