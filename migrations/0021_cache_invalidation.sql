-- Tenants module: every host keeps a short-lived copy of the API keys it checks and of the tenant
-- profiles it answers with. These triggers tell every host (LISTEN/NOTIFY, delivered at commit) which
-- copy went stale, so a revoked key or a changed setting takes effect at once on every host; the
-- copies' lifetime (Caching:ApiKeys, Caching:TenantProfiles) only bounds a notification a host missed.
--   nps_api_keys: the key's id, when anything of the key but its last use changes, or it is deleted;
--   nps_tenants:  the tenant's id, when its row changes or is deleted (the profile, the plan and the
--                 company's API rate limit that the key check reads with the key).

create function tenants.notify_api_key_changed()
returns trigger
language plpgsql set search_path = pg_catalog, tenants
as $$
begin
    perform pg_notify('nps_api_keys', old.id::text);
    return null;
end $$;

-- Recording a key's last use is not a change of the key: the hosts write it every few seconds.
create trigger api_keys_changed
    after update on tenants.api_keys
    for each row
    when ((to_jsonb(old) - 'last_used_at') is distinct from (to_jsonb(new) - 'last_used_at'))
    execute function tenants.notify_api_key_changed();

create trigger api_keys_deleted
    after delete on tenants.api_keys
    for each row
    execute function tenants.notify_api_key_changed();

create function tenants.notify_tenant_changed()
returns trigger
language plpgsql set search_path = pg_catalog, tenants
as $$
begin
    perform pg_notify('nps_tenants', old.tenant_id::text);
    return null;
end $$;

create trigger tenants_changed
    after update on tenants.tenants
    for each row
    when (old.* is distinct from new.*)
    execute function tenants.notify_tenant_changed();

create trigger tenants_deleted
    after delete on tenants.tenants
    for each row
    execute function tenants.notify_tenant_changed();

-- Cross-tenant path: a host writes the last use of every key it verified since its last write, in one
-- statement (key_ids[i] was last used at used_at[i]). It can set nothing but last_used_at, only later
-- than what is stored, never later than now (a minute's grace for the hosts' clocks), and only of keys
-- that exist; the ids come from keys that were presented to it.
create function tenants.record_api_key_uses(key_ids uuid[], used_at timestamptz[])
returns integer
language sql security definer set search_path = pg_catalog, tenants
as $$
    with used as (
        select u.id, max(u.at) as at from unnest(key_ids, used_at) as u(id, at)
         where u.at is not null and u.at <= now() + interval '1 minute' group by u.id
    ), written as (
        update tenants.api_keys k
           set last_used_at = used.at
          from used
         where k.id = used.id
           and (k.last_used_at is null or k.last_used_at < used.at)
        returning 1
    )
    select count(*)::integer from written
$$;

revoke all on function tenants.record_api_key_uses(uuid[], timestamptz[]) from public;
