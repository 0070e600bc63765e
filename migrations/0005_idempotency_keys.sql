-- Idempotency keys of the API (the Idempotency-Key header): the first answer to a keyed request is kept
-- for 24 hours and replayed to a retry with the same key and body. Tenant-owned, row-level security.

create table platform.idempotency_keys (
    tenant_id uuid not null,
    key text not null,
    -- SHA-256 of the method, path, query and body: the same key with another request is refused.
    fingerprint bytea not null,
    -- Null while the first request is being handled; a retry meanwhile is told so (409).
    status_code integer null,
    content_type text null,
    location text null,
    body bytea null,
    -- A request whose host died mid-way holds its key only this long.
    locked_until timestamptz not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    primary key (tenant_id, key)
);

create index idempotency_keys_expiry on platform.idempotency_keys (tenant_id, expires_at);

alter table platform.idempotency_keys enable row level security;
alter table platform.idempotency_keys force row level security;
create policy tenant_isolation on platform.idempotency_keys
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
