-- Responses module: answers (from email links, the API and bulk imports) and the team's notes on them.
-- Tenant-owned, row-level security with the standard policy; no cross-tenant path (a link finds its
-- tenant through surveys.find_invitation).

-- GIN indexes led by tenant_id (full-text search and tags) need btree_gin's operator classes for uuid.
create extension if not exists btree_gin;

create table responses.responses (
    tenant_id uuid not null,
    id uuid not null,
    survey_id uuid not null,
    -- The invitation whose link was answered: one response per invitation.
    invitation_id uuid null,
    contact_id uuid null,
    department_id uuid null,
    touchpoint text null,
    channel text not null check (channel in ('email', 'api', 'import')),
    score integer not null check (score between 0 and 10),
    category text not null generated always as (
        case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end) stored,
    comment text null,
    locale text null,
    properties jsonb not null default '{}',
    tags text[] not null default '{}',
    -- 1 when recorded, +1 on every change the respondent makes.
    revision integer not null default 1,
    -- The bulk import that stored it, if one did.
    import_id uuid null,
    -- When the person answered (for an import, the createdAt given); recorded_at is when we stored it.
    responded_at timestamptz not null,
    recorded_at timestamptz not null,
    updated_at timestamptz not null,
    -- Comments are searched in English and Turkish at once (each with its own stemming).
    search tsvector not null generated always as (
        to_tsvector('english'::regconfig, coalesce(comment, '')) || to_tsvector('turkish'::regconfig, coalesce(comment, ''))) stored,
    primary key (tenant_id, id)
);

create unique index responses_invitation on responses.responses (tenant_id, invitation_id) where invitation_id is not null;
create index responses_responded on responses.responses (tenant_id, responded_at);
create index responses_survey on responses.responses (tenant_id, survey_id, responded_at);
create index responses_contact on responses.responses (tenant_id, contact_id);
create index responses_search on responses.responses using gin (tenant_id, search);
create index responses_tags on responses.responses using gin (tenant_id, tags);

create table responses.notes (
    tenant_id uuid not null,
    id uuid not null,
    response_id uuid not null,
    author text not null,
    text text not null,
    created_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, response_id) references responses.responses (tenant_id, id) on delete cascade
);

create index notes_response on responses.notes (tenant_id, response_id, created_at);

do $$
declare t text;
begin
    foreach t in array array['responses', 'notes'] loop
        execute format('alter table responses.%I enable row level security', t);
        execute format('alter table responses.%I force row level security', t);
        execute format($p$create policy tenant_isolation on responses.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;
