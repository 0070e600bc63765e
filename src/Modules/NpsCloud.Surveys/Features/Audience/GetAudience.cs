using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Audience;

/// <summary><c>GET /surveys/{id}/audience</c>: who the survey asks and, before sending, how many the next wave would invite and how many are held back.</summary>
internal static class GetAudience
{
    public sealed record Query(Guid SurveyId) : IRequest<AudienceView>;

    public sealed class Handler(SurveysDbContext db, IMediator mediator, ITenantContext tenant, IWaveTriggers triggers, TimeProvider clock) : IRequestHandler<Query, AudienceView>
    {
        public async Task<AudienceView> Handle(Query query, CancellationToken cancellationToken) =>
            await AudienceRules.ViewAsync(db, mediator, tenant, triggers, clock, await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken), cancellationToken);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/audience", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetAudience.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The survey's audience: mode, segment, and how many will be asked and held back (throttled, unsubscribed, bounced)")
            .Produces<AudienceView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
