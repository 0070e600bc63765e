-- Chat alerts (Webhooks module): Slack and Microsoft Teams incoming-webhook addresses a company (or one
-- of its departments) adds, and one post per event and channel with where its attempts stand. Tenant-owned,
-- row-level security with the standard policy. One cross-tenant path: every host's chat dispatcher claims
-- due posts of all tenants (below), as the webhook dispatcher does with deliveries (0012).

create table webhooks.chat_channels (
    tenant_id uuid not null,
    id uuid not null,
    kind text not null check (kind in ('slack', 'teams')),
    -- Null: the company's channel, which gets every post; else only this department's.
    department_id uuid null,
    language text not null check (language in ('tr', 'en')),
    -- The address lets anyone who has it post to the channel: encrypted (ASP.NET Core data protection).
    url text not null,
    -- What is shown of the address after it was added: its host and its last four characters.
    url_hint text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id)
);

create index chat_channels_department on webhooks.chat_channels (tenant_id, department_id);

create table webhooks.chat_posts (
    tenant_id uuid not null,
    id uuid not null,
    channel_id uuid not null,
    -- The outbox event it tells of (a test post has an id of its own).
    event_id uuid not null,
    -- case.new, case.update, case.escalated, goal.reviewed or test.
    topic text not null,
    -- The JSON body as sent, in the channel's format and language.
    payload text not null,
    status text not null check (status in ('pending', 'succeeded', 'failed')),
    attempts integer not null,
    next_attempt_at timestamptz null,
    locked_until timestamptz null,
    last_status_code integer null,
    last_error text null,
    created_at timestamptz not null,
    completed_at timestamptz null,
    primary key (tenant_id, id),
    foreign key (tenant_id, channel_id) references webhooks.chat_channels (tenant_id, id) on delete cascade
);

create unique index chat_posts_channel_event on webhooks.chat_posts (tenant_id, channel_id, event_id);
-- Deliberately not led by tenant_id: every host's dispatcher claims due posts of all tenants in due order.
create index chat_posts_due on webhooks.chat_posts (next_attempt_at) where status = 'pending';

do $$
declare t text;
begin
    foreach t in array array['chat_channels', 'chat_posts'] loop
        execute format('alter table webhooks.%I enable row level security', t);
        execute format('alter table webhooks.%I force row level security', t);
        execute format($p$create policy tenant_isolation on webhooks.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- Cross-tenant path: the chat dispatcher on every host claims up to batch_size due posts of any tenant,
-- in due order, skipping rows another host holds, and leases them until now_at + lease. It answers only
-- which rows; sending runs under each row's tenant. now_at is the application's clock.
create function webhooks.claim_due_chat_posts(batch_size integer, lease interval, now_at timestamptz)
returns table (tenant_id uuid, post_id uuid)
language sql security definer set search_path = pg_catalog, webhooks
as $$
    with due as (
        select p.tenant_id, p.id
          from webhooks.chat_posts p
         where p.status = 'pending' and p.next_attempt_at <= now_at
           and (p.locked_until is null or p.locked_until < now_at)
         order by p.next_attempt_at
         limit batch_size
           for update skip locked
    )
    update webhooks.chat_posts p
       set locked_until = now_at + lease
      from due
     where p.tenant_id = due.tenant_id and p.id = due.id
    returning p.tenant_id, p.id;
$$;

revoke all on function webhooks.claim_due_chat_posts(integer, interval, timestamptz) from public;
