-- Tenants module: tenants (companies), their users, departments, API keys and invitations.
-- Every table is tenant-owned (row-level security with the standard policy). Four security-definer
-- functions are the only ways across tenants, each for a lookup that must happen before a tenant is
-- known: login by email, a user by id (password reset links), an API key by id and an invitation by the
-- hash of its token.

create table tenants.tenants (
    tenant_id uuid not null primary key,
    name text not null,
    status text not null check (status in ('trial', 'active')),
    trial_ends_at timestamptz not null,
    locale text not null check (locale in ('en', 'tr')),
    time_zone text not null,
    throttle_days integer not null default 30 check (throttle_days between 0 and 365),
    follow_up_sla_hours integer not null default 48 check (follow_up_sla_hours between 1 and 720),
    follow_up_passives boolean not null default false,
    created_at timestamptz not null,
    activated_at timestamptz null
);

create table tenants.users (
    tenant_id uuid not null,
    id uuid not null,
    email text not null,
    normalized_email text not null,
    name text not null,
    role text not null check (role in ('Owner', 'Admin', 'DepartmentHead', 'Viewer')),
    locale text not null check (locale in ('en', 'tr')),
    password_hash text null,
    security_stamp text not null,
    concurrency_stamp text not null,
    lockout_end timestamptz null,
    access_failed_count integer not null default 0,
    created_at timestamptz not null,
    primary key (tenant_id, id)
);

-- One account per email address across the whole product: login finds the tenant by the address.
-- (A documented exception to tenant-leading indexes: uniqueness has to span tenants.)
create unique index users_normalized_email on tenants.users (normalized_email);

create table tenants.departments (
    tenant_id uuid not null,
    id uuid not null,
    name text not null,
    head_user_id uuid null,
    created_at timestamptz not null,
    archived_at timestamptz null,
    primary key (tenant_id, id),
    foreign key (tenant_id, head_user_id) references tenants.users (tenant_id, id)
);

-- Names are unique among a tenant's current departments, ignoring case.
create unique index departments_name on tenants.departments (tenant_id, lower(name)) where archived_at is null;

create table tenants.user_departments (
    tenant_id uuid not null,
    user_id uuid not null,
    department_id uuid not null,
    primary key (tenant_id, user_id, department_id),
    foreign key (tenant_id, user_id) references tenants.users (tenant_id, id) on delete cascade,
    foreign key (tenant_id, department_id) references tenants.departments (tenant_id, id) on delete cascade
);

create table tenants.api_keys (
    tenant_id uuid not null,
    id uuid not null,
    name text not null,
    prefix text not null,
    secret_hash bytea not null,
    scopes text[] not null,
    created_at timestamptz not null,
    created_by uuid null,
    last_used_at timestamptz null,
    revoked_at timestamptz null,
    primary key (tenant_id, id)
);

create table tenants.invitations (
    tenant_id uuid not null,
    id uuid not null,
    email text not null,
    role text not null check (role in ('Owner', 'Admin', 'DepartmentHead', 'Viewer')),
    department_ids uuid[] not null,
    token_hash bytea not null,
    invited_by uuid null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    accepted_at timestamptz null,
    primary key (tenant_id, id)
);

do $$
declare t text;
begin
    foreach t in array array['tenants', 'users', 'departments', 'user_departments', 'api_keys', 'invitations'] loop
        execute format('alter table tenants.%I enable row level security', t);
        execute format('alter table tenants.%I force row level security', t);
        execute format($p$create policy tenant_isolation on tenants.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- Cross-tenant path: the account an email address signs in to (login, password reset, sign-up clash).
create function tenants.find_user_by_email(normalized_email text)
returns table (tenant_id uuid, user_id uuid)
language sql stable security definer set search_path = pg_catalog, tenants
as $$ select u.tenant_id, u.id from tenants.users u where u.normalized_email = find_user_by_email.normalized_email $$;

-- Cross-tenant path: the tenant of a user named in a password reset link.
create function tenants.find_user_tenant(user_id uuid)
returns uuid
language sql stable security definer set search_path = pg_catalog, tenants
as $$ select u.tenant_id from tenants.users u where u.id = find_user_tenant.user_id $$;

-- Cross-tenant path: an API key by the id written in it; the caller then checks the secret's hash.
create function tenants.find_api_key(key_id uuid)
returns table (tenant_id uuid, secret_hash bytea, scopes text[], revoked_at timestamptz)
language sql stable security definer set search_path = pg_catalog, tenants
as $$ select k.tenant_id, k.secret_hash, k.scopes, k.revoked_at from tenants.api_keys k where k.id = find_api_key.key_id $$;

-- Cross-tenant path: an invitation by the hash of the token in its link.
create function tenants.find_invitation(token_hash bytea)
returns table (tenant_id uuid, invitation_id uuid)
language sql stable security definer set search_path = pg_catalog, tenants
as $$ select i.tenant_id, i.id from tenants.invitations i where i.token_hash = find_invitation.token_hash $$;

revoke all on function tenants.find_user_by_email(text) from public;
revoke all on function tenants.find_user_tenant(uuid) from public;
revoke all on function tenants.find_api_key(uuid) from public;
revoke all on function tenants.find_invitation(bytea) from public;

-- The indexes behind those paths cannot lead with tenant_id: the tenant is what they find.
create unique index users_id on tenants.users (id);
create unique index api_keys_id on tenants.api_keys (id);
create unique index invitations_token_hash on tenants.invitations (token_hash);
