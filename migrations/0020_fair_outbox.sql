-- A fair outbox (issue 16): the dispatcher claims due events round-robin across tenants, so one
-- company's burst delays another company's events by a batch at most instead of by the whole burst;
-- every host is woken by a notification when any host commits an event; and an idle dispatcher asks
-- when the next event comes due instead of polling every second.

-- The per-tenant queue: pending events of one tenant by due time. The claim walks the tenants with
-- pending events through it (one index probe per tenant) and takes each tenant's first due events.
-- outbox_messages_pending (by due time alone) stays: it answers "when is the next event due".
create index outbox_messages_pending_by_tenant on platform.outbox_messages (tenant_id, next_attempt_at, id)
    where dispatched_at is null;

-- Cross-tenant path: claims up to batch_size due events, at most tenant_batch_size of any one tenant,
-- taking every tenant's first event before any tenant's second (then by due time), and leases them to
-- this host. Returns what delivery needs; delivery runs under each event's own tenant.
-- platform.claim_outbox_messages (0001) stays for hosts of the previous release during a rolling upgrade.
create function platform.claim_outbox_batches(batch_size integer, tenant_batch_size integer, lease interval)
returns table (tenant_id uuid, id uuid, type text, payload text, attempts integer, occurred_at timestamptz)
language sql
security definer
set search_path = pg_catalog, platform
as $$
    with recursive pending_tenants(tenant_id) as (
        -- A loose index scan: the next tenant id after the last, found by one probe each.
        (select o.tenant_id from platform.outbox_messages o
          where o.dispatched_at is null order by o.tenant_id limit 1)
        union all
        select (select o.tenant_id from platform.outbox_messages o
                 where o.dispatched_at is null and o.tenant_id > t.tenant_id order by o.tenant_id limit 1)
          from pending_tenants t
         where t.tenant_id is not null
    ),
    due as (
        select d.tenant_id, d.id, d.next_attempt_at,
               row_number() over (partition by d.tenant_id order by d.next_attempt_at, d.id) as turn
          from pending_tenants t
         cross join lateral (
                select o.tenant_id, o.id, o.next_attempt_at
                  from platform.outbox_messages o
                 where o.tenant_id = t.tenant_id
                   and o.dispatched_at is null
                   and o.next_attempt_at <= now()
                   and (o.locked_until is null or o.locked_until < now())
                 order by o.next_attempt_at, o.id
                 limit tenant_batch_size) d
         where t.tenant_id is not null
    ),
    chosen as (
        select c.tenant_id, c.id from due c order by c.turn, c.next_attempt_at, c.tenant_id limit batch_size
    ),
    locked as (
        -- One primary-key probe per chosen event (lateral, so never a scan of the whole queue), with the
        -- conditions again: a row another host leased since this claim's snapshot is re-checked once its
        -- lock is taken, and skipped.
        select o.tenant_id, o.id
          from chosen c
         cross join lateral (
                select o.tenant_id, o.id
                  from platform.outbox_messages o
                 where o.tenant_id = c.tenant_id and o.id = c.id
                   and o.dispatched_at is null
                   and (o.locked_until is null or o.locked_until < now())
                   for update skip locked) o
    )
    update platform.outbox_messages m
       set locked_until = now() + lease,
           attempts = m.attempts + 1
      from locked l
     where m.tenant_id = l.tenant_id and m.id = l.id
    returning m.tenant_id, m.id, m.type, m.payload::text, m.attempts, m.occurred_at;
$$;

revoke all on function platform.claim_outbox_batches(integer, integer, interval) from public;

-- Cross-tenant path: how long until the next pending, unleased event is due (negative when one is due
-- now, null when there is none), by the database's clock, so an idle dispatcher sleeps until exactly
-- then (a retry's backoff, an event stamped by a host whose clock runs ahead) and not a poll longer.
create function platform.outbox_next_due_in()
returns interval
language sql
stable
security definer
set search_path = pg_catalog, platform
as $$
    select min(o.next_attempt_at) - now()
      from platform.outbox_messages o
     where o.dispatched_at is null
       and (o.locked_until is null or o.locked_until < now());
$$;

revoke all on function platform.outbox_next_due_in() from public;

-- Every host listens on nps_outbox: a transaction that stores events wakes them all once (a statement
-- trigger, and PostgreSQL folds identical notifications of one transaction into one), delivered at commit.
create function platform.notify_outbox() returns trigger
language plpgsql
set search_path = pg_catalog, platform
as $$
begin
    perform pg_notify('nps_outbox', '');
    return null;
end;
$$;

create trigger outbox_messages_notify
    after insert on platform.outbox_messages
    for each statement execute function platform.notify_outbox();
