-- Surveys module: surveys, contacts, relationship audiences, waves and invitations.
-- Every table is tenant-owned (row-level security with the standard policy). Cross-tenant paths:
-- the sending dispatcher claims due invitations of every tenant, and a survey link finds its
-- invitation by the hash of its token.

create table surveys.surveys (
    tenant_id uuid not null,
    id uuid not null,
    name text not null,
    kind text not null check (kind in ('relationship', 'transactional')),
    status text not null check (status in ('draft', 'active', 'paused', 'archived')),
    department_id uuid null,
    touchpoint text null,
    locale text not null check (locale in ('en', 'tr')),
    question text null,
    follow_up_promoter text null,
    follow_up_passive text null,
    follow_up_detractor text null,
    brand_color text not null default '#4f46e5',
    logo_url text null,
    reminder_after_days integer not null default 0 check (reminder_after_days between 0 and 60),
    link_valid_days integer not null default 30 check (link_valid_days between 1 and 365),
    schedule_every_days integer null check (schedule_every_days between 1 and 3650),
    schedule_cadence text null check (schedule_cadence in ('quarterly', 'halfYearly', 'yearly')),
    first_wave_at timestamp null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id)
);

create table surveys.contacts (
    tenant_id uuid not null,
    id uuid not null,
    email text null,
    normalized_email text null,
    name text null,
    locale text null check (locale in ('en', 'tr')),
    properties jsonb not null default '{}',
    unsubscribed_at timestamptz null,
    bounced_at timestamptz null,
    bounce_reason text null,
    last_surveyed_at timestamptz null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    erased_at timestamptz null,
    primary key (tenant_id, id)
);

-- One contact per address and tenant; erased contacts keep no address.
create unique index contacts_email on surveys.contacts (tenant_id, normalized_email) where erased_at is null;

create table surveys.survey_members (
    tenant_id uuid not null,
    survey_id uuid not null,
    contact_id uuid not null,
    added_at timestamptz not null,
    primary key (tenant_id, survey_id, contact_id),
    foreign key (tenant_id, survey_id) references surveys.surveys (tenant_id, id) on delete cascade,
    foreign key (tenant_id, contact_id) references surveys.contacts (tenant_id, id) on delete cascade
);

-- A relationship wave: one per survey and scheduled slot, however often its trigger fires.
create table surveys.waves (
    tenant_id uuid not null,
    id uuid not null,
    survey_id uuid not null,
    slot timestamptz not null,
    invited integer not null default 0,
    throttled integer not null default 0,
    created_at timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, survey_id, slot),
    foreign key (tenant_id, survey_id) references surveys.surveys (tenant_id, id) on delete cascade
);

create table surveys.invitations (
    tenant_id uuid not null,
    id uuid not null,
    survey_id uuid not null,
    contact_id uuid not null,
    wave_id uuid null,
    status text not null check (status in ('scheduled', 'sent', 'failed', 'bounced', 'cancelled', 'throttled', 'suppressed')),
    reason text null,
    locale text not null check (locale in ('en', 'tr')),
    properties jsonb not null default '{}',
    -- SHA-256 of the link token, set when the invitation is first sent (the token is derived, never stored).
    token_hash bytea null,
    scheduled_at timestamptz not null,
    expires_at timestamptz not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    locked_until timestamptz null,
    last_error text null,
    sent_at timestamptz null,
    reminder_due_at timestamptz null,
    reminder_sent_at timestamptz null,
    responded_at timestamptz null,
    created_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, survey_id) references surveys.surveys (tenant_id, id) on delete cascade,
    foreign key (tenant_id, contact_id) references surveys.contacts (tenant_id, id),
    foreign key (tenant_id, wave_id) references surveys.waves (tenant_id, id)
);

-- A contact never gets two invitations for one wave.
create unique index invitations_wave_contact on surveys.invitations (tenant_id, wave_id, contact_id) where wave_id is not null;
create index invitations_survey on surveys.invitations (tenant_id, survey_id, status);
create index invitations_contact on surveys.invitations (tenant_id, contact_id);
-- The dispatcher's queues, across tenants: invitations due to be sent, and reminders due.
create index invitations_due on surveys.invitations (next_attempt_at) where status = 'scheduled';
create index invitations_reminder_due on surveys.invitations (reminder_due_at) where reminder_due_at is not null and reminder_sent_at is null;
-- A survey link finds its invitation by the hash of its token.
create unique index invitations_token_hash on surveys.invitations (token_hash) where token_hash is not null;

do $$
declare t text;
begin
    foreach t in array array['surveys', 'contacts', 'survey_members', 'waves', 'invitations'] loop
        execute format('alter table surveys.%I enable row level security', t);
        execute format('alter table surveys.%I force row level security', t);
        execute format($p$create policy tenant_isolation on surveys.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- Cross-tenant path: the sending dispatcher claims due invitations and reminders of every tenant, in due
-- order, and leases them to one host. It answers only ids; sending runs under each invitation's tenant.
create function surveys.claim_due_invitations(batch_size integer, lease interval, now_at timestamptz)
returns table (tenant_id uuid, invitation_id uuid, reminder boolean)
language sql security definer set search_path = pg_catalog, surveys
as $$
    with sends as (
        select i.tenant_id, i.id
          from surveys.invitations i
         where i.status = 'scheduled' and i.next_attempt_at <= now_at
           and (i.locked_until is null or i.locked_until < now_at)
         order by i.next_attempt_at
         limit batch_size
           for update skip locked
    ),
    reminders as (
        select i.tenant_id, i.id
          from surveys.invitations i
         where i.reminder_due_at <= now_at and i.reminder_sent_at is null and i.status = 'sent'
           and i.responded_at is null and (i.locked_until is null or i.locked_until < now_at)
         order by i.reminder_due_at
         limit batch_size
           for update skip locked
    ),
    due as (
        select s.tenant_id, s.id, false as reminder from sends s
        union all
        select r.tenant_id, r.id, true from reminders r
    )
    update surveys.invitations i
       set locked_until = now_at + lease
      from due
     where i.tenant_id = due.tenant_id and i.id = due.id
    returning i.tenant_id, i.id, due.reminder;
$$;

-- Cross-tenant path: a survey link (or unsubscribe link) finds its invitation by its token's hash.
create function surveys.find_invitation(token_hash bytea)
returns table (tenant_id uuid, invitation_id uuid)
language sql stable security definer set search_path = pg_catalog, surveys
as $$ select i.tenant_id, i.id from surveys.invitations i where i.token_hash = find_invitation.token_hash $$;

revoke all on function surveys.claim_due_invitations(integer, interval, timestamptz) from public;
revoke all on function surveys.find_invitation(bytea) from public;

-- A secret the links are derived from (HMAC), shared by all hosts; created on first use.
create table platform.secrets (
    name text primary key,
    value bytea not null,
    created_at timestamptz not null default now()
);
