using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.OpenLinks;

/// <summary>
/// <c>POST /surveys/{id}/link/renew</c>: a new address for the open link (a new slug, kiosk key and device
/// salt). The old address and its QR codes and kiosks stop working at once: for a link shared too widely.
/// </summary>
internal static class RenewOpenLinkAddress
{
    public sealed record Command(Guid SurveyId) : IRequest<OpenLinkView>, ITenantWrite;

    public sealed class Handler(SurveysDbContext db, PublicLinks links, OpenLinkKioskKeys kioskKeys, TimeProvider clock) : IRequestHandler<Command, OpenLinkView>
    {
        public async Task<OpenLinkView> Handle(Command command, CancellationToken cancellationToken)
        {
            var (link, survey) = await OpenLinkRules.FindAsync(db, command.SurveyId, cancellationToken, track: true);
            link.Renew();
            link.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return OpenLinkView.From(link, survey, links, kioskKeys);
        }
    }

    public static void Map(RouteGroupBuilder surveys) =>
        surveys.MapPost("/{id:guid}/link/renew", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Give the open link a new address; the old one, its QR codes and kiosks stop working")
            .Produces<OpenLinkView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
