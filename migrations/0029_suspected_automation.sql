-- An answer recorded by a client that looks automated (a link-scanning mail gateway that renders the
-- page and runs its scripts) is kept but flagged: it counts nowhere, opens no case and sends no webhook
-- until the person's own submission replaces it (docs/api.md, "Scanner safety").
alter table responses.responses add column suspected_automation boolean not null default false;
