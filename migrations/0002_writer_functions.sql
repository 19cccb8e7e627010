-- One function per operation for writers who prefer a call to an INSERT. Both return the new row's id.

create function campaign_sync.enqueue_upsert(
    p_profile_name text,
    p_profile_key  text,
    p_attributes   jsonb,
    p_upsert_mode  smallint default 1,
    p_update_link  smallint default 2,
    p_exparams     text[]   default '{}',
    p_source       text     default 'unknown')
returns bigint
language sql as $$
    insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source)
    values (p_profile_name, p_profile_key, 'upsert', p_attributes, p_upsert_mode, p_update_link, p_exparams, p_source)
    returning id;
$$;

create function campaign_sync.enqueue_delete(
    p_profile_name text,
    p_profile_key  text,
    p_exparams     text[] default '{}',
    p_source       text   default 'unknown')
returns bigint
language sql as $$
    insert into campaign_sync.outbox (profile_name, profile_key, operation, exparams, source)
    values (p_profile_name, p_profile_key, 'delete', p_exparams, p_source)
    returning id;
$$;
