-- Web push (FollowUps module, ADR 0039): one row per person and device that asked on the inbox page to be
-- told of cases assigned to them. Tenant-owned, row-level security with the standard policy. The VAPID key
-- pair the pushes are signed with is one per install, kept in platform.secrets (0004) under the name
-- 'web-push-vapid', its private key protected with ASP.NET Core data protection; it needs no table here.

create table followups.push_subscriptions (
    tenant_id uuid not null,
    id uuid not null,
    user_id uuid not null,
    -- The push service's address for this device: whoever has it can push to the device (with the keys
    -- below, readable pushes), so it is never logged or shown.
    endpoint text not null,
    -- The device's P-256 public key and auth secret (base64url), which the payload is encrypted to.
    p256dh text not null,
    auth text not null,
    created_at timestamptz not null,
    primary key (tenant_id, id)
);

-- One device, one row: subscribing again (another person on a shared phone) replaces it.
create unique index push_subscriptions_endpoint on followups.push_subscriptions (tenant_id, endpoint);
create index push_subscriptions_user on followups.push_subscriptions (tenant_id, user_id);

alter table followups.push_subscriptions enable row level security;
alter table followups.push_subscriptions force row level security;
create policy tenant_isolation on followups.push_subscriptions
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
