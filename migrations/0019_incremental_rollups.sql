-- Scoring module: rollups maintained incrementally (issue 16). Each answer's event adds its counts to its
-- daily and monthly bucket with one upsert, instead of recomputing the whole day and month from the
-- responses. The upserts' conflict targets are the bucket indexes of 0007 and 0008
-- (daily_scores_bucket, monthly_scores_bucket: unique, nulls not distinct), which have held one row per
-- bucket since those migrations, so there are no duplicate bucket rows to merge first.
--
-- A rebuild (./nps admin rebuild-rollups, a change of time zone) recomputes every bucket from the
-- responses. Answers whose events are still in the outbox at that moment are in its counts already: the
-- rebuild notes those events here, in the same snapshot as its counts, and the rollup handlers skip (and
-- remove) a noted event instead of adding its answer a second time. A note whose event the handler had
-- handled before the rebuild is left over; the next rebuild removes notes of events no longer pending.

create table scoring.events_counted_by_rebuild (
    tenant_id uuid not null,
    event_id uuid not null,
    primary key (tenant_id, event_id)
);

alter table scoring.events_counted_by_rebuild enable row level security;
alter table scoring.events_counted_by_rebuild force row level security;
create policy tenant_isolation on scoring.events_counted_by_rebuild
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- An import's rollups are counted from the import's own rows.
create index responses_import on responses.responses (tenant_id, import_id) where import_id is not null;

-- The previous release's rollups were exact for the days it last recomputed, not necessarily for answers
-- whose events are still pending: they are recomputed here, once, as a rebuild does, and those events are
-- noted. Stop the previous release's hosts before this runs: they recompute whole days, which would count
-- again answers whose events this release then adds. (The owner role bypasses row-level security.)
delete from scoring.daily_scores;
delete from scoring.monthly_scores;

insert into scoring.daily_scores (tenant_id, id, day, survey_id, department_id, touchpoint, channel, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
select r.tenant_id, gen_random_uuid(), (r.responded_at at time zone t.time_zone)::date, r.survey_id, r.department_id, r.touchpoint, r.channel,
       count(*) filter (where r.score = 0), count(*) filter (where r.score = 1), count(*) filter (where r.score = 2),
       count(*) filter (where r.score = 3), count(*) filter (where r.score = 4), count(*) filter (where r.score = 5),
       count(*) filter (where r.score = 6), count(*) filter (where r.score = 7), count(*) filter (where r.score = 8),
       count(*) filter (where r.score = 9), count(*) filter (where r.score = 10)
  from responses.responses r
  join tenants.tenants t on t.tenant_id = r.tenant_id
 group by r.tenant_id, (r.responded_at at time zone t.time_zone)::date, r.survey_id, r.department_id, r.touchpoint, r.channel;

insert into scoring.monthly_scores (tenant_id, id, month, survey_id, department_id, touchpoint, channel, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
select tenant_id, gen_random_uuid(), date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel,
       sum(s0), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)
  from scoring.daily_scores
 group by tenant_id, date_trunc('month', day)::date, survey_id, department_id, touchpoint, channel;

insert into scoring.events_counted_by_rebuild (tenant_id, event_id)
select tenant_id, id
  from platform.outbox_messages
 where dispatched_at is null
   and type in ('NpsCloud.Contracts.Responses.ResponseRecorded', 'NpsCloud.Contracts.Responses.ResponseUpdated',
                'NpsCloud.Contracts.Responses.ResponsesImported');
