-- Webhooks module: the endpoints a company registers, one delivery per event and endpoint, and every
-- attempt to deliver it. Tenant-owned, row-level security with the standard policy. One cross-tenant
-- path: every host's webhook dispatcher claims due deliveries of all tenants (below).

create schema if not exists webhooks;

create table webhooks.endpoints (
    tenant_id uuid not null,
    id uuid not null,
    url text not null check (length(url) <= 2048),
    description text null,
    -- A non-empty subset of: response.created, response.updated, follow_up.created,
    -- follow_up.status_changed, goal.reviewed, contact.unsubscribed.
    event_types text[] not null check (cardinality(event_types) > 0),
    -- The signing secret must be usable for HMAC, so it is encrypted (ASP.NET Core data protection), not hashed.
    secret text not null,
    -- The secret before the last rotation signs too, until it expires (24 hours after the rotation).
    previous_secret text null,
    previous_secret_expires_at timestamptz null,
    disabled_at timestamptz null,
    disabled_reason text null check (disabled_reason in ('gone', 'failing')),
    -- The first failed attempt since the last success; five days of it disable the endpoint.
    failing_since timestamptz null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id)
);

create table webhooks.deliveries (
    tenant_id uuid not null,
    id uuid not null,
    endpoint_id uuid not null,
    -- The webhook-id header, the same on every retry (and on a redelivery, which is a new row).
    message_id text not null,
    event_id uuid not null,
    event_type text not null,
    -- The body as sent, byte for byte: text, because jsonb would reorder it.
    payload text not null,
    status text not null check (status in ('pending', 'succeeded', 'failed', 'disabled')),
    attempts integer not null,
    next_attempt_at timestamptz null,
    locked_until timestamptz null,
    last_status_code integer null,
    last_error text null,
    created_at timestamptz not null,
    completed_at timestamptz null,
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references webhooks.endpoints (tenant_id, id) on delete cascade
);

create index deliveries_endpoint on webhooks.deliveries (tenant_id, endpoint_id, id);
-- Deliberately not led by tenant_id: every host's dispatcher claims due deliveries of all tenants in due order.
create index deliveries_due on webhooks.deliveries (next_attempt_at) where status = 'pending';

create table webhooks.delivery_attempts (
    tenant_id uuid not null,
    id uuid not null,
    delivery_id uuid not null,
    number integer not null,
    attempted_at timestamptz not null,
    status_code integer null,
    duration_ms integer not null,
    error text null,
    -- The first kilobyte of the receiver's answer.
    response_body text null,
    next_attempt_at timestamptz null,
    primary key (tenant_id, id),
    foreign key (tenant_id, delivery_id) references webhooks.deliveries (tenant_id, id) on delete cascade
);

create index delivery_attempts_delivery on webhooks.delivery_attempts (tenant_id, delivery_id, number);

do $$
declare t text;
begin
    foreach t in array array['endpoints', 'deliveries', 'delivery_attempts'] loop
        execute format('alter table webhooks.%I enable row level security', t);
        execute format('alter table webhooks.%I force row level security', t);
        execute format($p$create policy tenant_isolation on webhooks.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- Cross-tenant path: the webhook dispatcher on every host claims up to batch_size due deliveries of any
-- tenant, in due order, skipping rows another host holds, and leases them until now_at + lease (a host
-- that dies mid-send leaves them to be claimed again). It answers only which rows; sending runs under
-- each row's tenant. now_at is the application's clock, so a test's fake clock moves retries too.
create function webhooks.claim_due_deliveries(batch_size integer, lease interval, now_at timestamptz)
returns table (tenant_id uuid, delivery_id uuid)
language sql security definer set search_path = pg_catalog, webhooks
as $$
    with due as (
        select d.tenant_id, d.id
          from webhooks.deliveries d
         where d.status = 'pending' and d.next_attempt_at <= now_at
           and (d.locked_until is null or d.locked_until < now_at)
         order by d.next_attempt_at
         limit batch_size
           for update skip locked
    )
    update webhooks.deliveries d
       set locked_until = now_at + lease
      from due
     where d.tenant_id = due.tenant_id and d.id = due.id
    returning d.tenant_id, d.id;
$$;

revoke all on function webhooks.claim_due_deliveries(integer, interval, timestamptz) from public;
