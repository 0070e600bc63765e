using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// The FollowUps module's re-survey after a resolved case: a new invitation to the same survey for the
/// same person, sent by the dispatcher like any other. Unsubscribed, bounced and erased people get none,
/// and neither does anyone for a survey that is no longer active; the throttle window is deliberately
/// not applied (the person was just talked to, and this is how the company learns whether it helped).
/// </summary>
internal sealed class RequestResurveyHandler(SurveysDbContext db, SendingSignal signal, TimeProvider clock) : IRequestHandler<RequestResurvey, ResurveyOutcome>
{
    public async Task<ResurveyOutcome> Handle(RequestResurvey request, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SurveyId, cancellationToken);
        if (survey is null) return new ResurveyOutcome(null, "the survey no longer exists");
        if (survey.Status != SurveyStatuses.Active) return new ResurveyOutcome(null, $"the survey is {survey.Status}");

        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == request.ContactId, cancellationToken);
        if (contact is null) return new ResurveyOutcome(null, "the contact no longer exists");
        if (contact.Suppression is { } suppressed) return new ResurveyOutcome(null, suppressed);

        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            SurveyId = survey.Id,
            ContactId = contact.Id,
            Status = InvitationStatuses.Scheduled,
            Locale = request.Locale ?? contact.Locale ?? survey.Locale,
            ScheduledAt = now,
            NextAttemptAt = now,
            ExpiresAt = now.AddDays(survey.LinkValidDays),
            CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        contact.LastSurveyedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return new ResurveyOutcome(invitation.Id, null);
    }
}
