-- Tenants module: a company's own limit on API calls per API key and minute. Null (the default) follows
-- the operator's default (RateLimits:apiKeyPerMinute, 600 unless configured).
alter table tenants.tenants
    add column api_requests_per_minute integer null check (api_requests_per_minute between 60 and 10000);

-- The cross-tenant lookup of a presented key returns its company's limit too, so counting a call costs
-- no query of its own (the result type changes, so the function is recreated).
drop function tenants.find_api_key(uuid);
create function tenants.find_api_key(key_id uuid)
returns table (tenant_id uuid, secret_hash bytea, scopes text[], revoked_at timestamptz, department_ids uuid[], api_requests_per_minute integer)
language sql stable security definer set search_path = pg_catalog, tenants
as $$
    select k.tenant_id, k.secret_hash, k.scopes, k.revoked_at, k.department_ids, t.api_requests_per_minute
      from tenants.api_keys k
      join tenants.tenants t on t.tenant_id = k.tenant_id
     where k.id = find_api_key.key_id
$$;

revoke all on function tenants.find_api_key(uuid) from public;
