using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>The first-run checklist's ticks, read from what the company has done (nothing is stored for it).</summary>
internal sealed class GetFirstRunProgressHandler(SurveysDbContext db) : IRequestHandler<GetFirstRunProgress, FirstRunProgress>
{
    public async Task<FirstRunProgress> Handle(GetFirstRunProgress request, CancellationToken cancellationToken)
    {
        var surveyId = await db.Surveys.Where(s => s.Status != SurveyStatuses.Archived)
            .OrderByDescending(s => s.CreatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        var hasSurvey = surveyId is not null || await db.Surveys.AnyAsync(cancellationToken);
        var hasContacts = await db.Contacts.AnyAsync(c => c.ErasedAt == null, cancellationToken);
        var testSent = await db.TestSends.AnyAsync(cancellationToken);
        var testAnswered = testSent && await db.TestSends.AnyAsync(t => t.AnsweredAt != null, cancellationToken);
        var sent = await db.Invitations.AnyAsync(i => i.SentAt != null, cancellationToken);
        return new FirstRunProgress(hasSurvey, hasContacts, testSent, testAnswered, sent, surveyId);
    }
}
