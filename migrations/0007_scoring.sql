-- Scoring module: NPS rollups. One row per (tenant, local day in the tenant's time zone, survey,
-- department, touchpoint, channel) with the count of each score 0..10, so metrics read a few thousand
-- rows whatever the number of responses. Tenant-owned, row-level security with the standard policy.

create table scoring.daily_scores (
    tenant_id uuid not null,
    id uuid not null,
    day date not null,
    survey_id uuid not null,
    department_id uuid null,
    touchpoint text null,
    channel text not null,
    s0 integer not null, s1 integer not null, s2 integer not null, s3 integer not null,
    s4 integer not null, s5 integer not null, s6 integer not null, s7 integer not null,
    s8 integer not null, s9 integer not null, s10 integer not null,
    primary key (tenant_id, id)
);

-- One row per bucket (a missing department or touchpoint is a bucket of its own).
create unique index daily_scores_bucket on scoring.daily_scores (tenant_id, day, survey_id, department_id, touchpoint, channel) nulls not distinct;
create index daily_scores_survey on scoring.daily_scores (tenant_id, survey_id, day);

alter table scoring.daily_scores enable row level security;
alter table scoring.daily_scores force row level security;
create policy tenant_isolation on scoring.daily_scores
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Cross-tenant path, for the operator's ./nps admin rebuild-rollups without a tenant: every tenant's id.
create function tenants.list_tenant_ids()
returns table (tenant_id uuid)
language sql stable security definer set search_path = pg_catalog, tenants
as $$ select t.tenant_id from tenants.tenants t order by t.tenant_id $$;

revoke all on function tenants.list_tenant_ids() from public;
