-- The customer's thank-you page and what promoters are asked to do next (ADR 0037).
--
-- Tenants module, columns of tenants.tenants (which keeps its row-level security and grants):
--   promise_detractor_reply: the thank-you page tells a detractor the team will get back to them within
--                            the follow-up SLA (the survey's department's, else the company's);
--   follow_up_promoters:     a promoter's answer opens a follow-up case of kind 'promoter' ("thank and
--                            ask for a case study"), which is never escalated.
alter table tenants.tenants
    add column promise_detractor_reply boolean not null default false,
    add column follow_up_promoters boolean not null default false;

-- Surveys module, columns of surveys.surveys: the promoters' next step on the thank-you page, a review
-- site or a referral page (https only), with its button's label in the survey's language.
alter table surveys.surveys
    add column promoter_step_kind text null check (promoter_step_kind in ('review', 'referral')),
    add column promoter_step_url text null check (char_length(promoter_step_url) between 9 and 2000 and promoter_step_url like 'https://%'),
    add column promoter_step_label text null check (char_length(promoter_step_label) between 1 and 60),
    add constraint surveys_promoter_step_whole check ((promoter_step_kind is null) = (promoter_step_url is null)
                                                     and (promoter_step_label is null or promoter_step_kind is not null));

-- Columns of surveys.invitations: when the invited person first followed the promoters' next step (a
-- click counts once per invitation).
alter table surveys.invitations
    add column promoter_step_clicked_at timestamptz null;

-- FollowUps module: the case kind 'promoter' (thank and ask for a case study).
alter table followups.cases
    drop constraint cases_kind_check,
    add constraint cases_kind_check check (kind in ('close_the_loop', 'ask_for_feedback', 'promoter'));
