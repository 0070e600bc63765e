-- Part 1. A case opens at the score, but its alert waits for the comment (issue 18, ADR 0033): alert_due_at is
-- when the alert goes if no comment arrives (the grace period after the score), alerted_at when the
-- alert went, and comment_alerted_at when an alert carrying the comment went (the first alert, or its
-- one update). Cases opened before this migration were alerted when they opened.

alter table followups.cases
    add column alert_due_at timestamptz null,
    add column alerted_at timestamptz null,
    add column comment_alerted_at timestamptz null;

update followups.cases set alerted_at = opened_at, comment_alerted_at = opened_at;

-- Only the cases whose alert still waits: small, and read by the alerts job every half minute.
create index cases_alert_due on followups.cases (tenant_id, alert_due_at) where alerted_at is null;

-- Cross-tenant path: which tenants have an alert due by now_at; nothing about the cases themselves.
create function followups.tenants_with_due_alerts(now_at timestamptz)
returns table (tenant_id uuid)
language sql stable security definer set search_path = pg_catalog, followups
as $$ select distinct c.tenant_id from followups.cases c where c.alerted_at is null and c.alert_due_at <= tenants_with_due_alerts.now_at $$;

revoke all on function followups.tenants_with_due_alerts(timestamptz) from public;

-- Part 2. Won back: the re-survey after resolution is linked to its case, and the case keeps the answer it got.
alter table followups.cases
    add column resurvey_invitation_id uuid null,
    add column resurvey_response_id uuid null,
    add column resurvey_score integer null check (resurvey_score between 0 and 10),
    add column resurvey_answered_at timestamptz null;

create index cases_resurvey_invitation on followups.cases (tenant_id, resurvey_invitation_id) where resurvey_invitation_id is not null;

-- The history says when the person's comment arrived after the score, and when the re-survey was answered.
alter table followups.case_events drop constraint case_events_kind_check;
alter table followups.case_events add constraint case_events_kind_check
    check (kind in ('opened', 'assigned', 'note', 'status', 'escalated', 'score_changed', 'resurveyed', 'commented', 'resurvey_answered'));
