-- Goals module: NPS targets per department and period, their review snapshots, the review slots already
-- run (so a slot fired twice, or on two hosts, is reviewed once) and each tenant's review cadence.
-- Tenant-owned, row-level security with the standard policy; no cross-tenant path.

create table goals.goals (
    tenant_id uuid not null,
    id uuid not null,
    department_id uuid not null,
    -- The answers that count: all of the department's, or one survey's, or one touchpoint's.
    survey_id uuid null,
    touchpoint text null,
    target_nps numeric(4, 1) not null check (target_nps between -100 and 100),
    -- Local days in the tenant's time zone, both included.
    period_start date not null,
    period_end date not null,
    min_responses integer not null check (min_responses between 1 and 1000000),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    archived_at timestamptz null,
    primary key (tenant_id, id),
    check (period_end >= period_start)
);

create index goals_department on goals.goals (tenant_id, department_id, period_start);

create table goals.reviews (
    tenant_id uuid not null,
    id uuid not null,
    goal_id uuid not null,
    -- The scheduled moment reviewed (for a run on request, the moment it was asked for).
    slot timestamptz not null,
    kind text not null check (kind in ('scheduled', 'final', 'manual')),
    reviewed_at timestamptz not null,
    status text not null,
    nps numeric(4, 1) null,
    ci_low numeric(4, 1) null,
    ci_high numeric(4, 1) null,
    responses bigint not null,
    target_nps numeric(4, 1) not null,
    -- The NPS change since the goal's previous review (null for the first).
    change numeric(5, 1) null,
    primary key (tenant_id, id),
    foreign key (tenant_id, goal_id) references goals.goals (tenant_id, id)
);

create unique index reviews_slot on goals.reviews (tenant_id, goal_id, slot);
create index reviews_goal on goals.reviews (tenant_id, goal_id, reviewed_at desc);

-- A review slot is claimed here before anything is stored or sent: the second firing finds it taken.
create table goals.review_runs (
    tenant_id uuid not null,
    slot timestamptz not null,
    -- 'all' for the tenant's scheduled review, or the goal's id for a final review or one on request.
    scope text not null,
    ran_at timestamptz not null,
    primary key (tenant_id, slot, scope)
);

create table goals.review_settings (
    tenant_id uuid not null primary key,
    cadence text not null check (cadence in ('weekly', 'monthly')),
    updated_at timestamptz not null
);

do $$
declare t text;
begin
    foreach t in array array['goals', 'reviews', 'review_runs', 'review_settings'] loop
        execute format('alter table goals.%I enable row level security', t);
        execute format('alter table goals.%I force row level security', t);
        execute format($p$create policy tenant_isolation on goals.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;
