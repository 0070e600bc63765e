-- Account lifecycle: a deactivated person keeps their account (and their name on past work) but cannot
-- sign in until reactivated. Removing a person deletes the row; revoking an invitation deletes it.
alter table tenants.users add column deactivated_at timestamptz null;

-- The ceiling on API keys per company counts a tenant's keys that are not revoked, and revoking a
-- departing person's keys finds them by who created them.
create index api_keys_created_by on tenants.api_keys (tenant_id, created_by) where revoked_at is null;
