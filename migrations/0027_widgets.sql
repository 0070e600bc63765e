-- Web widgets: a script a company pastes into its own site that asks one survey's question there.
-- A widget's id is public (it is written in the page) and names one survey; it is not a key and
-- grants nothing but answering that survey from the widget's allowed origins (ADR 0031).
-- Cross-tenant path: the public script and answer endpoints find a widget by its id (find_widget).

create table surveys.widgets (
    tenant_id uuid not null,
    id text not null check (id ~ '^wgt_[A-Za-z0-9]{20}$'),
    survey_id uuid not null,
    allowed_origins text[] not null,
    display text not null check (display in ('popup', 'inline')),
    inline_selector text null,
    path_patterns text[] not null,
    delay_seconds integer not null check (delay_seconds between 0 and 600),
    sampling_percent integer not null check (sampling_percent between 1 and 100),
    snooze_days_after_answer integer not null check (snooze_days_after_answer between 0 and 365),
    snooze_days_after_dismiss integer not null check (snooze_days_after_dismiss between 0 and 365),
    enabled boolean not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, survey_id) references surveys.surveys (tenant_id, id) on delete cascade
);

create index widgets_survey on surveys.widgets (tenant_id, survey_id);
-- The public endpoints find a widget (and its tenant) by its id alone.
create unique index widgets_id on surveys.widgets (id);

alter table surveys.widgets enable row level security;
alter table surveys.widgets force row level security;
create policy tenant_isolation on surveys.widgets
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Cross-tenant path: the widget with this public id, and its tenant; nothing else.
create function surveys.find_widget(widget_id text)
returns table (tenant_id uuid, widget_id text)
language sql stable security definer set search_path = pg_catalog, surveys
as $$ select w.tenant_id, w.id from surveys.widgets w where w.id = find_widget.widget_id $$;

revoke all on function surveys.find_widget(text) from public;
