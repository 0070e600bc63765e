-- The platform schema (outbox and inbox) and one schema per module.
-- Conventions for every later migration:
--   * tenant-owned tables lead their primary key and indexes with tenant_id uuid not null;
--   * each gets row-level security, enabled and forced, with the one policy below;
--   * functions that must cross tenants are SECURITY DEFINER, owned by the migration role (which has
--     BYPASSRLS), revoked from PUBLIC and documented where they are defined.

create schema if not exists tenants;
create schema if not exists surveys;
create schema if not exists responses;
create schema if not exists scoring;
create schema if not exists goals;
create schema if not exists followups;

-- Integration events, written in the same transaction as the change they report.
create table platform.outbox_messages (
    tenant_id uuid not null,
    id uuid not null,
    type text not null,
    payload jsonb not null,
    occurred_at timestamptz not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    locked_until timestamptz null,
    dispatched_at timestamptz null,
    last_error text null,
    primary key (tenant_id, id)
);

-- The dispatcher's queue: pending events by due time. Deliberately not led by tenant_id: the dispatcher
-- serves all tenants in due order.
create index outbox_messages_pending on platform.outbox_messages (next_attempt_at) where dispatched_at is null;

alter table platform.outbox_messages enable row level security;
alter table platform.outbox_messages force row level security;
create policy tenant_isolation on platform.outbox_messages
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Which handler has handled which event: written in the handler's own transaction.
create table platform.inbox_messages (
    tenant_id uuid not null,
    handler text not null,
    event_id uuid not null,
    handled_at timestamptz not null,
    primary key (tenant_id, handler, event_id)
);

alter table platform.inbox_messages enable row level security;
alter table platform.inbox_messages force row level security;
create policy tenant_isolation on platform.inbox_messages
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Cross-tenant path: the outbox dispatcher claims due events of every tenant and leases them to one host.
-- It returns only what delivery needs; delivery itself then runs under the event's own tenant.
create function platform.claim_outbox_messages(batch_size integer, lease interval)
returns table (tenant_id uuid, id uuid, type text, payload text, attempts integer)
language sql
security definer
set search_path = pg_catalog, platform
as $$
    update platform.outbox_messages m
       set locked_until = now() + lease,
           attempts = m.attempts + 1
     where (m.tenant_id, m.id) in (
            select o.tenant_id, o.id
              from platform.outbox_messages o
             where o.dispatched_at is null
               and o.next_attempt_at <= now()
               and (o.locked_until is null or o.locked_until < now())
             order by o.next_attempt_at
             limit batch_size
               for update skip locked)
    returning m.tenant_id, m.id, m.type, m.payload::text, m.attempts;
$$;

revoke all on function platform.claim_outbox_messages(integer, interval) from public;

-- ASP.NET Core data protection keys (antiforgery tokens, sign-in cookies), shared by every host so a
-- request may land on any of them. Not tenant data.
create table platform.data_protection_keys (
    friendly_name text primary key,
    xml text not null,
    created_at timestamptz not null default now()
);
