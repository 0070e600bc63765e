-- Touchpoint labels (Tenants module, ADR 0038): the company's touchpoints by key (the value surveys,
-- responses and goals store and the API keeps) with a Turkish and an English label for the pages.
-- Tenant-owned, row-level security with the standard policy.

create table tenants.touchpoints (
    tenant_id uuid not null,
    key text not null,
    label_tr text not null,
    label_en text not null,
    created_at timestamptz not null,
    primary key (tenant_id, key)
);

alter table tenants.touchpoints enable row level security;
alter table tenants.touchpoints force row level security;
create policy tenant_isolation on tenants.touchpoints
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
