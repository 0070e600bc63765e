-- Issue 15 gave every module the same folders, which moved two module-internal events and renamed
-- the handlers of Contracts events (ForOtherModules/<Name>Handler). The outbox stores an event's full
-- type name and the inbox a handler's (ADR 0012): without this, a pending event of a moved type would
-- never be read, and an event redelivered after the upgrade would run the renamed handlers again.
-- Hosts of the previous version should be stopped before this runs (they would go on writing the old
-- names). The migration role has BYPASSRLS, so every tenant's rows are rewritten.

update platform.outbox_messages set type = 'NpsCloud.Goals.Features.Goals.GoalDigestDue' where type = 'NpsCloud.Goals.Reviews.GoalDigestDue';
update platform.outbox_messages set type = 'NpsCloud.Webhooks.Delivery.WebhookDisabledForFailing' where type = 'NpsCloud.Webhooks.Emails.WebhookDisabledForFailing';
update platform.inbox_messages set handler = 'NpsCloud.FollowUps.ForOtherModules.AlertAssigneeOfNewCaseHandler' where handler = 'NpsCloud.FollowUps.Emails.AlertAssigneeOfNewCase';
update platform.inbox_messages set handler = 'NpsCloud.FollowUps.ForOtherModules.AlertNewAssigneeHandler' where handler = 'NpsCloud.FollowUps.Emails.AlertNewAssignee';
update platform.inbox_messages set handler = 'NpsCloud.Scoring.ForOtherModules.CountImportedResponsesHandler' where handler = 'NpsCloud.Scoring.Rollups.CountImportedResponses';
update platform.inbox_messages set handler = 'NpsCloud.Scoring.ForOtherModules.CountRecordedResponseHandler' where handler = 'NpsCloud.Scoring.Rollups.CountRecordedResponse';
update platform.inbox_messages set handler = 'NpsCloud.Scoring.ForOtherModules.CountUpdatedResponseHandler' where handler = 'NpsCloud.Scoring.Rollups.CountUpdatedResponse';
update platform.inbox_messages set handler = 'NpsCloud.Responses.ForOtherModules.EraseRespondentDataHandler' where handler = 'NpsCloud.Responses.Features.EraseRespondentData';
update platform.inbox_messages set handler = 'NpsCloud.FollowUps.ForOtherModules.FollowResponseChangeHandler' where handler = 'NpsCloud.FollowUps.Features.FollowResponseChange';
update platform.inbox_messages set handler = 'NpsCloud.Goals.ForOtherModules.FollowTimeZoneHandler' where handler = 'NpsCloud.Goals.Reviews.FollowTimeZone';
update platform.inbox_messages set handler = 'NpsCloud.Surveys.ForOtherModules.FollowTimeZoneHandler' where handler = 'NpsCloud.Surveys.Sending.FollowTimeZone';
update platform.inbox_messages set handler = 'NpsCloud.FollowUps.ForOtherModules.HandOverCasesOfReducedUserHandler' where handler = 'NpsCloud.FollowUps.ForOtherModules.HandOverCasesOfReducedUser';
update platform.inbox_messages set handler = 'NpsCloud.Surveys.ForOtherModules.MarkInvitationRespondedHandler' where handler = 'NpsCloud.Surveys.Features.ForOtherModules.MarkInvitationResponded';
update platform.inbox_messages set handler = 'NpsCloud.FollowUps.ForOtherModules.OpenCaseForResponseHandler' where handler = 'NpsCloud.FollowUps.Features.OpenCaseForResponse';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.QueueContactUnsubscribedHandler' where handler = 'NpsCloud.Webhooks.Features.QueueContactUnsubscribed';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.QueueFollowUpCreatedHandler' where handler = 'NpsCloud.Webhooks.Features.QueueFollowUpCreated';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.QueueFollowUpStatusChangedHandler' where handler = 'NpsCloud.Webhooks.Features.QueueFollowUpStatusChanged';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.QueueGoalReviewedHandler' where handler = 'NpsCloud.Webhooks.Features.QueueGoalReviewed';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.QueueResponseCreatedHandler' where handler = 'NpsCloud.Webhooks.Features.QueueResponseCreated';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.QueueResponseUpdatedHandler' where handler = 'NpsCloud.Webhooks.Features.QueueResponseUpdated';
update platform.inbox_messages set handler = 'NpsCloud.Scoring.ForOtherModules.RecountAfterTimeZoneChangeHandler' where handler = 'NpsCloud.Scoring.Rollups.RecountAfterTimeZoneChange';
update platform.inbox_messages set handler = 'NpsCloud.Surveys.ForOtherModules.ReleaseVerifiedInvitationsHandler' where handler = 'NpsCloud.Surveys.Sending.ReleaseVerifiedInvitations';
update platform.inbox_messages set handler = 'NpsCloud.Goals.ForOtherModules.SendGoalDigestHandler' where handler = 'NpsCloud.Goals.Reviews.SendGoalDigest';
update platform.inbox_messages set handler = 'NpsCloud.Tenants.ForOtherModules.SendVerificationEmailHandler' where handler = 'NpsCloud.Tenants.Emails.SendVerificationEmail';
update platform.inbox_messages set handler = 'NpsCloud.Tenants.ForOtherModules.SendWelcomeEmailHandler' where handler = 'NpsCloud.Tenants.Emails.SendWelcomeEmail';
update platform.inbox_messages set handler = 'NpsCloud.Webhooks.ForOtherModules.TellManagersOfDisabledWebhookHandler' where handler = 'NpsCloud.Webhooks.Emails.TellManagersOfDisabledWebhook';
update platform.inbox_messages set handler = 'NpsCloud.FollowUps.ForOtherModules.TellManagersOfEscalationHandler' where handler = 'NpsCloud.FollowUps.Emails.TellManagersOfEscalation';
