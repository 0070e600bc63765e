using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>What the Surveys module answers other modules (the requests are declared in Contracts/Surveys).</summary>
internal sealed class FindSurveyHandler(SurveysDbContext db) : IRequestHandler<FindSurvey, SurveyInfo?>
{
    public async Task<SurveyInfo?> Handle(FindSurvey request, CancellationToken cancellationToken) =>
        await db.Surveys.AsNoTracking().Where(s => s.Id == request.SurveyId).Select(s => Info(s)).FirstOrDefaultAsync(cancellationToken);

    public static SurveyInfo Info(Survey s) => new(s.Id, s.Name, s.Kind, s.Status, s.DepartmentId, s.Touchpoint, s.Locale);
}
