-- Open links: a survey answered by anyone who has its address (/s/{slug}), shared on social media, in
-- WhatsApp, printed as a QR code or run as a kiosk (ADR 0030). The slug is public and names one survey;
-- it grants nothing but answering that survey. Cross-tenant path: the public page finds a link by its
-- slug (find_open_link).

create table surveys.open_links (
    tenant_id uuid not null,
    survey_id uuid not null,
    slug text not null check (slug ~ '^[A-Za-z0-9]{12}$'),
    enabled boolean not null,
    collect_name boolean not null,
    collect_email boolean not null,
    one_answer_per_person boolean not null,
    daily_cap integer not null check (daily_cap between 1 and 100000),
    hidden_fields text[] not null,
    -- Salts the device hashes of the duplicate guard; renewed with the address.
    device_salt bytea not null check (length(device_salt) = 32),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, survey_id),
    foreign key (tenant_id, survey_id) references surveys.surveys (tenant_id, id) on delete cascade
);

-- The public page finds a link (and its tenant) by its slug alone.
create unique index open_links_slug on surveys.open_links (slug);

alter table surveys.open_links enable row level security;
alter table surveys.open_links force row level security;
create policy tenant_isolation on surveys.open_links
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Cross-tenant path: the tenant of the link with this slug; nothing else.
create function surveys.find_open_link(slug text)
returns table (tenant_id uuid)
language sql stable security definer set search_path = pg_catalog, surveys
as $$ select l.tenant_id from surveys.open_links l where l.slug = find_open_link.slug $$;

revoke all on function surveys.find_open_link(text) from public;

-- The duplicate guard of open links, best effort: a salted hash of a device's address and user agent,
-- kept for a day after its answer. The raw address and user agent are never stored.
create table responses.open_link_devices (
    tenant_id uuid not null,
    survey_id uuid not null,
    device_hash bytea not null,
    answered_at timestamptz not null,
    primary key (tenant_id, survey_id, device_hash)
);

alter table responses.open_link_devices enable row level security;
alter table responses.open_link_devices force row level security;
create policy tenant_isolation on responses.open_link_devices
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
