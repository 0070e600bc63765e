-- Tenants module: server-side sessions and the second factor.
--
-- A session cookie names one row of tenants.sessions (claim "sid"). Every request with a cookie reads that
-- row together with its user's security stamp, so logging out (ended_at), a password change or reset, and
-- any change of users.security_stamp end a session at its very next request, even for a saved copy of the
-- cookie. authenticated_at is when the person last proved who they are (sign-in or re-authentication):
-- the "recent login" gate of sensitive actions reads it.
create table tenants.sessions (
    tenant_id uuid not null,
    id uuid not null,
    user_id uuid not null,
    created_at timestamptz not null,
    authenticated_at timestamptz not null,
    ended_at timestamptz null,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references tenants.users (tenant_id, id) on delete cascade
);

create index sessions_user on tenants.sessions (tenant_id, user_id);

alter table tenants.sessions enable row level security;
alter table tenants.sessions force row level security;
create policy tenant_isolation on tenants.sessions
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- TOTP (RFC 6238): the shared secret (base32, as authenticator apps take it), whether it is on, the last
-- 30-second step whose code was accepted (each code works once), and the SHA-256 hashes of the unused
-- recovery codes (the codes themselves are shown once).
alter table tenants.users
    add column authenticator_key text null,
    add column two_factor_enabled boolean not null default false,
    add column last_totp_step bigint null,
    add column recovery_code_hashes text[] not null default '{}';

-- An owner can require the second factor for everyone in the company: people without one are sent to
-- set it up right after they sign in, and can use nothing else until they have.
alter table tenants.tenants
    add column require_two_factor boolean not null default false;
