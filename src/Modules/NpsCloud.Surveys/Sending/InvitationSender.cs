using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// Sends one claimed invitation (or its reminder) under its tenant: checks it may still go, renders it
/// in the invitation's language, sends it, and records the outcome. A permanent refusal marks the
/// contact bounced; a transient failure is retried with backoff until <see cref="SendingOptions.MaxAttempts"/>.
/// </summary>
internal sealed class InvitationSender(
    SurveysDbContext db, IMediator mediator, ITenantContext tenant, IEmailSender mail, InvitationEmails emails, LinkTokens tokens, SendingHolds holds,
    IOptions<SendingOptions> options, TimeProvider clock, ILogger<InvitationSender> logger)
{
    public async Task SendAsync(Guid invitationId, bool reminder, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null) return;
        invitation.LockedUntil = null;

        if (reminder ? invitation.RespondedAt is not null || invitation.ReminderSentAt is not null : invitation.Status != InvitationStatuses.Scheduled)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var contact = await db.Contacts.FirstAsync(c => c.Id == invitation.ContactId, cancellationToken);
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == invitation.SurveyId, cancellationToken);
        if (contact.Suppression is { } suppressed || survey.Status == SurveyStatuses.Archived)
        {
            Stop(invitation, reminder, InvitationStatuses.Suppressed, contact.Suppression ?? "survey archived");
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
        if (survey.Status != SurveyStatuses.Active || !profile.CanWrite)
        {
            // Paused, or the trial is over: hold the invitation and look again later.
            Postpone(invitation, reminder, now + TimeSpan.FromMinutes(15));
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        if (await holds.FindAsync(tenant.RequiredTenantId, contact.Email!, profile, now, cancellationToken) is { } hold)
        {
            // Unverified company or used-up trial quota: still scheduled, with the reason, until it may go.
            if (!reminder) invitation.Reason = hold.Reason;
            Postpone(invitation, reminder, hold.Until);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var token = await tokens.ForAsync(invitation.Id, cancellationToken);
        if (invitation.TokenHash is null)
        {
            // Stored before the mail goes: a person (or a test) who clicks the link the moment it arrives must find it.
            invitation.TokenHash = LinkTokens.Hash(token);
            await db.SaveChangesAsync(cancellationToken);
        }

        var message = emails.Compose(survey, profile, contact, invitation, token, reminder);

        try
        {
            await mail.SendAsync(message, cancellationToken);
            if (reminder)
            {
                invitation.ReminderSentAt = now;
            }
            else
            {
                invitation.Status = InvitationStatuses.Sent;
                invitation.Reason = null;
                invitation.SentAt = now;
                invitation.Attempts++;
                invitation.LastError = null;
                invitation.ReminderDueAt = survey.ReminderAfterDays > 0 ? now.AddDays(survey.ReminderAfterDays) : null;
            }
        }
        catch (EmailRejectedException rejected)
        {
            logger.LogInformation("Invitation {InvitationId}: the mail server refused the address for good ({Status})", invitation.Id, rejected.Status);
            contact.BouncedAt = now;
            contact.BounceReason = $"{(int)rejected.Status} {rejected.Status}";
            Stop(invitation, reminder, InvitationStatuses.Bounced, contact.BounceReason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server is down or busy (or something unforeseen): retried with backoff, and given up
            // after MaxAttempts, so nothing is retried for ever.
            invitation.Attempts++;
            invitation.LastError = e.Message;
            if (invitation.Attempts >= options.Value.MaxAttempts)
            {
                logger.LogWarning(e, "Invitation {InvitationId} failed after {Attempts} attempts", invitation.Id, invitation.Attempts);
                Stop(invitation, reminder, InvitationStatuses.Failed, e.Message);
            }
            else
            {
                var delays = options.Value.EffectiveRetryDelays;
                Postpone(invitation, reminder, now + delays[Math.Min(invitation.Attempts - 1, delays.Length - 1)]);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static void Stop(Invitation invitation, bool reminder, string status, string reason)
    {
        if (reminder)
        {
            invitation.ReminderDueAt = null;
            return;
        }

        invitation.Status = status;
        invitation.Reason = reason;
    }

    private static void Postpone(Invitation invitation, bool reminder, DateTimeOffset until)
    {
        if (reminder) invitation.ReminderDueAt = until;
        else invitation.NextAttemptAt = until;
    }
}
