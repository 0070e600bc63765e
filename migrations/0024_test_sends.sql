-- "Send a test to me": a survey's invitation sent to a team member to try it, with the answer given
-- through it. Apart from surveys.invitations, so that nothing that counts invitations (stats, the trial
-- quota, the throttle window, the response rate) can see a test, and its answer never becomes a
-- response. No cross-tenant path: a test link's token names its tenant (ADR 0032), and the row is then
-- found by (tenant_id, token_hash) under row-level security.
create table surveys.test_sends (
    tenant_id uuid not null,
    id uuid not null,
    survey_id uuid not null,
    -- The signed-in person who asked for it; null when an API key did.
    user_id uuid null,
    email text not null,
    name text null,
    locale text not null,
    token_hash bytea not null,
    sent_at timestamptz not null,
    expires_at timestamptz not null,
    answered_score integer null check (answered_score between 0 and 10),
    answered_comment text null,
    answered_at timestamptz null,
    primary key (tenant_id, id),
    foreign key (tenant_id, survey_id) references surveys.surveys (tenant_id, id) on delete cascade
);

create unique index test_sends_token_hash on surveys.test_sends (tenant_id, token_hash);
-- The daily limit per survey, and the first-run checklist.
create index test_sends_survey on surveys.test_sends (tenant_id, survey_id, sent_at);

alter table surveys.test_sends enable row level security;
alter table surveys.test_sends force row level security;
create policy tenant_isolation on surveys.test_sends
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
