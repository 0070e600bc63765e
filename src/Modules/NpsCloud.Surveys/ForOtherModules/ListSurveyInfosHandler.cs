using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

internal sealed class ListSurveyInfosHandler(SurveysDbContext db) : IRequestHandler<ListSurveyInfos, IReadOnlyList<SurveyInfo>>
{
    public async Task<IReadOnlyList<SurveyInfo>> Handle(ListSurveyInfos request, CancellationToken cancellationToken) =>
        await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => FindSurveyHandler.Info(s)).ToListAsync(cancellationToken);
}
