using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Surveys;

internal static class GetSurvey
{
    public sealed record Query(Guid Id) : IRequest<SurveyView>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, SurveyView>
    {
        public async Task<SurveyView> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAsync(await SurveyRules.FindAsync(db, query.Id, cancellationToken), cancellationToken);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetSurvey.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One survey, with the question recipients read and the next wave")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
