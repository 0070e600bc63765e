-- Tenants module: an API key can be limited to some departments (for a department head's own
-- integration). Such a key sees those departments' data only, as their head does; an empty list (the
-- default) is a tenant-wide key, as before.

alter table tenants.api_keys add column department_ids uuid[] not null default '{}';

-- The cross-tenant lookup of a presented key returns the limit too (its result type changes, so it is recreated).
drop function tenants.find_api_key(uuid);
create function tenants.find_api_key(key_id uuid)
returns table (tenant_id uuid, secret_hash bytea, scopes text[], revoked_at timestamptz, department_ids uuid[])
language sql stable security definer set search_path = pg_catalog, tenants
as $$ select k.tenant_id, k.secret_hash, k.scopes, k.revoked_at, k.department_ids from tenants.api_keys k where k.id = find_api_key.key_id $$;

revoke all on function tenants.find_api_key(uuid) from public;
