using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.OpenLinks;

/// <summary><c>GET /surveys/{id}/link</c>: the survey's open link with its addresses; 404 until <c>PUT</c> makes one.</summary>
internal static class GetOpenLink
{
    public sealed record Query(Guid SurveyId) : IRequest<OpenLinkView>;

    public sealed class Handler(SurveysDbContext db, PublicLinks links, OpenLinkKioskKeys kioskKeys) : IRequestHandler<Query, OpenLinkView>
    {
        public async Task<OpenLinkView> Handle(Query query, CancellationToken cancellationToken)
        {
            var (link, survey) = await OpenLinkRules.FindAsync(db, query.SurveyId, cancellationToken);
            return OpenLinkView.From(link, survey, links, kioskKeys);
        }
    }

    public static void Map(RouteGroupBuilder surveys) =>
        surveys.MapGet("/{id:guid}/link", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The survey's open link (/s/{slug}) with its kiosk address; 404 until PUT makes one")
            .Produces<OpenLinkView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
