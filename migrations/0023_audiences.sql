-- Audiences (issue 17): a relationship survey asks its explicit members plus, when chosen, every
-- subscribed contact or the contacts a saved segment matches at the wave. A segment is a named set of
-- property filters over the company's contacts (AND across filters, OR across a filter's values, compared
-- trimmed and case-folded with Turkish I/ı/İ folded alike) and an optional window on when the contact was
-- created. Tenant-owned, row-level security with the standard policy; no cross-tenant path.

create table surveys.segments (
    tenant_id uuid not null,
    id uuid not null,
    name text not null,
    -- [{"property": "city", "values": ["İzmir"]}, ...]
    filters jsonb not null default '[]',
    created_after timestamptz null,
    created_before timestamptz null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id)
);

alter table surveys.segments enable row level security;
alter table surveys.segments force row level security;
create policy tenant_isolation on surveys.segments
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- 'members': only the explicit members; 'all': members and every subscribed contact; 'segment': members
-- and the segment's matches. A segment a survey uses cannot be deleted (the foreign key says so too).
alter table surveys.surveys add column audience text not null default 'members' check (audience in ('members', 'all', 'segment'));
alter table surveys.surveys add column segment_id uuid null;
alter table surveys.surveys add constraint surveys_segment foreign key (tenant_id, segment_id) references surveys.segments (tenant_id, id);
alter table surveys.surveys add constraint surveys_audience_segment check ((audience = 'segment') = (segment_id is not null));
create index surveys_segment on surveys.surveys (tenant_id, segment_id) where segment_id is not null;

-- A member's state is read from their latest invitation of the survey.
create index invitations_survey_contact on surveys.invitations (tenant_id, survey_id, contact_id, created_at);
