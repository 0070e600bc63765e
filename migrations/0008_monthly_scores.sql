-- Scoring module: the monthly rollup layer. The same buckets as scoring.daily_scores, summed over each
-- local calendar month, so a query over whole months reads one row per month and bucket (24 months by
-- 20 departments by a few touchpoints is a few thousand rows) instead of one per day. The daily rows
-- stay the source: every refresh of daily rows recomputes the monthly rows of the months it touched.

create table scoring.monthly_scores (
    tenant_id uuid not null,
    id uuid not null,
    month date not null, -- the first day of the local month
    survey_id uuid not null,
    department_id uuid null,
    touchpoint text null,
    channel text not null,
    s0 integer not null, s1 integer not null, s2 integer not null, s3 integer not null,
    s4 integer not null, s5 integer not null, s6 integer not null, s7 integer not null,
    s8 integer not null, s9 integer not null, s10 integer not null,
    primary key (tenant_id, id),
    constraint monthly_scores_first_day check (extract(day from month) = 1)
);

create unique index monthly_scores_bucket on scoring.monthly_scores (tenant_id, month, survey_id, department_id, touchpoint, channel) nulls not distinct;

alter table scoring.monthly_scores enable row level security;
alter table scoring.monthly_scores force row level security;
create policy tenant_isolation on scoring.monthly_scores
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The months of the daily rows that exist already (migrations run as the owner, which bypasses RLS).
insert into scoring.monthly_scores
select tenant_id, gen_random_uuid(), date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel,
       sum(s0), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)
  from scoring.daily_scores
 group by tenant_id, date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel;
