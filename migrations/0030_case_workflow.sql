-- FollowUps module: working a case to its end (issue 18). A case's history gains replies to the
-- customer by email, logged calls and moves to another department; what those entries carry beyond
-- case_events' columns (the reply's subject and recipient, the call's outcome, the departments a move
-- went from and to) is kept one row per history entry in case_event_details.

alter table followups.case_events drop constraint case_events_kind_check;
alter table followups.case_events add constraint case_events_kind_check
    check (kind in ('opened', 'assigned', 'note', 'status', 'escalated', 'score_changed', 'resurveyed', 'commented', 'resurvey_answered',
                    'replied', 'called', 'moved'));

create table followups.case_event_details (
    tenant_id uuid not null,
    event_id uuid not null,
    subject text null check (char_length(subject) between 1 and 200),
    recipient text null check (char_length(recipient) between 3 and 254),
    call_outcome text null check (call_outcome in ('reached', 'no_answer', 'left_message')),
    from_department_id uuid null,
    to_department_id uuid null,
    primary key (tenant_id, event_id),
    foreign key (tenant_id, event_id) references followups.case_events (tenant_id, id) on delete cascade
);

alter table followups.case_event_details enable row level security;
alter table followups.case_event_details force row level security;
create policy tenant_isolation on followups.case_event_details
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
