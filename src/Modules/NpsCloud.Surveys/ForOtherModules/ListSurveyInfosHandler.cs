using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.ForOtherModules;

internal sealed class ListSurveyInfosHandler(SurveysDbContext db) : IRequestHandler<ListSurveyInfos, IReadOnlyList<SurveyInfo>>
{
    public async Task<IReadOnlyList<SurveyInfo>> Handle(ListSurveyInfos request, CancellationToken cancellationToken) =>
        await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => FindSurveyHandler.Info(s)).ToListAsync(cancellationToken);
}
