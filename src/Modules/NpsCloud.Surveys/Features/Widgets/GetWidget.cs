using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Widgets;

internal static class GetWidget
{
    public sealed record Query(string Id) : IRequest<WidgetView>;

    public sealed class Handler(SurveysDbContext db, PublicLinks links) : IRequestHandler<Query, WidgetView>
    {
        public async Task<WidgetView> Handle(Query query, CancellationToken cancellationToken) =>
            WidgetView.From(await WidgetRules.FindAsync(db, query.Id, cancellationToken), links);
    }

    public static void Map(RouteGroupBuilder widgets) =>
        widgets.MapGet("/{widgetId}", (string widgetId, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new Query(widgetId), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One web widget, with the snippet to paste")
            .Produces<WidgetView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
