-- FollowUps module: a case per unhappy answer (detractors, and passives when the company asks), its
-- history, and the settings that drive it. Tenant-owned, row-level security with the standard policy;
-- no cross-tenant path (the escalation job visits each tenant through tenants.list_tenant_ids()).

-- The settings live with the company and its departments (the Tenants module owns them).
alter table tenants.tenants
    add column resurvey_after_resolution_days integer not null default 0 check (resurvey_after_resolution_days between 0 and 365);

-- A department's own follow-up SLA; null follows the company's follow_up_sla_hours.
alter table tenants.departments
    add column follow_up_sla_hours integer null check (follow_up_sla_hours between 1 and 720);

create table followups.cases (
    tenant_id uuid not null,
    id uuid not null,
    -- One case per response, whatever happens to the event that opened it.
    response_id uuid not null,
    survey_id uuid not null,
    contact_id uuid null,
    department_id uuid null,
    -- close_the_loop: call the person back; ask_for_feedback: a passive who said nothing, ask what would make it a 10.
    kind text not null check (kind in ('close_the_loop', 'ask_for_feedback')),
    status text not null check (status in ('open', 'escalated', 'contacted', 'resolved', 'closed')),
    -- The score that opened the case, and the latest one the respondent gave (with the revision it came in).
    opening_score integer not null check (opening_score between 0 and 10),
    score integer not null check (score between 0 and 10),
    score_revision integer not null default 1,
    assignee_user_id uuid null,
    opened_at timestamptz not null,
    due_at timestamptz not null,
    first_contacted_at timestamptz null,
    escalated_at timestamptz null,
    resolved_at timestamptz null,
    closed_at timestamptz null,
    outcome text null,
    -- When the resolved person is asked again, and when (or whether) that happened.
    resurvey_due_at timestamptz null,
    resurveyed_at timestamptz null,
    updated_at timestamptz not null,
    primary key (tenant_id, id)
);

create unique index cases_response on followups.cases (tenant_id, response_id);
create index cases_department on followups.cases (tenant_id, department_id, opened_at);
create index cases_assignee on followups.cases (tenant_id, assignee_user_id, status);
-- The escalation job's question: which cases nobody contacted are past due.
create index cases_uncontacted_due on followups.cases (tenant_id, due_at) where status = 'open';
create index cases_resurvey_due on followups.cases (tenant_id, resurvey_due_at) where status = 'resolved' and resurveyed_at is null;

-- Everything that happened to a case, with who and when: opened, assigned, note, status, escalated,
-- score_changed, resurveyed.
create table followups.case_events (
    tenant_id uuid not null,
    id uuid not null,
    case_id uuid not null,
    kind text not null check (kind in ('opened', 'assigned', 'note', 'status', 'escalated', 'score_changed', 'resurveyed')),
    at timestamptz not null,
    -- The person who acted (null for the system or an API key) and how to show them.
    actor_user_id uuid null,
    actor text not null,
    status text null,
    text text null,
    user_id uuid null,
    score integer null,
    previous_score integer null,
    primary key (tenant_id, id),
    foreign key (tenant_id, case_id) references followups.cases (tenant_id, id) on delete cascade
);

create index case_events_case on followups.case_events (tenant_id, case_id, at);

do $$
declare t text;
begin
    foreach t in array array['cases', 'case_events'] loop
        execute format('alter table followups.%I enable row level security', t);
        execute format('alter table followups.%I force row level security', t);
        execute format($p$create policy tenant_isolation on followups.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;
