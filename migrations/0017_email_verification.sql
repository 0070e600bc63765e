-- Tenants module: a company proves its sign-up address before surveys go to anyone but its owner.
-- email_verified_at is set when the owner follows the link emailed at sign-up (or an operator runs
-- ./nps admin verify-email); verification_sent_at paces the "send it again" button.
alter table tenants.tenants
    add column email_verified_at timestamptz null,
    add column verification_sent_at timestamptz null;

-- Companies that signed up before the rule keep sending as they did.
update tenants.tenants set email_verified_at = created_at;

-- Surveys module: the daily send quota of a trial counts the company's emails sent since its midnight.
create index invitations_sent_at on surveys.invitations (tenant_id, sent_at) where sent_at is not null;
