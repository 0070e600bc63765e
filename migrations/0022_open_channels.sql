-- Answers that come without an invitation: an open survey link (or its QR code, or a kiosk) and the
-- web widget a company embeds in its own site. Counted in every figure, apart in the response rate.
alter table responses.responses drop constraint responses_channel_check;
alter table responses.responses add constraint responses_channel_check
    check (channel in ('email', 'api', 'import', 'link', 'widget'));
