-- Idempotency keys belong to the credential that sent them (an API key or a signed-in person) as well as
-- to the company: a replay by another key of the same company must not be answered with the first
-- key's answer (which may hold another department's data, or a secret shown once). Rows stored before
-- this migration have no credential and are never replayed again; they expire within 24 hours.
alter table platform.idempotency_keys add column credential text not null default '';

alter table platform.idempotency_keys drop constraint idempotency_keys_pkey;
alter table platform.idempotency_keys add primary key (tenant_id, credential, key);
