-- Tenants module: the company's own sender for its invitations (ADR 0029).
--   sender_name:  the display name ("{sender_name} via NpsCloud"); null follows the company's name;
--   reply_to:     where customers' replies go; set to the owner's sign-up address at sign-up (and here
--                 for companies that signed up before);
--   sender_address, sender_domain_token, sender_domain_verified_at: an address at the company's own
--                 domain, the value of the TXT record that proves the domain, and when it was proved
--                 (by the DNS check, when the operator enables it, or by an operator). Until then the
--                 platform address sends.
-- Columns of tenants.tenants, which keeps its row-level security and grants.
alter table tenants.tenants
    add column sender_name text null check (char_length(sender_name) between 1 and 100),
    add column reply_to text null check (char_length(reply_to) between 3 and 254),
    add column sender_address text null check (char_length(sender_address) between 3 and 254),
    add column sender_domain_token text null check (char_length(sender_domain_token) between 16 and 100),
    add column sender_domain_verified_at timestamptz null;

-- The migration role has BYPASSRLS: every company gets its owner's address as Reply-To.
update tenants.tenants t
   set reply_to = u.email
  from (select distinct on (tenant_id) tenant_id, email
          from tenants.users
         where role = 'Owner'
         order by tenant_id, created_at) u
 where u.tenant_id = t.tenant_id and t.reply_to is null;
