using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Widgets;

/// <summary>Removes a widget: its script then shows nothing and its answers are refused; answers it recorded stay.</summary>
internal static class DeleteWidget
{
    public sealed record Command(string Id) : IRequest<Unit>, ITenantWrite;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // One statement, so two deletes at once answer 204 and 404, never an error.
            var deleted = Widget.LooksLikeId(command.Id) ? await db.Widgets.Where(w => w.Id == command.Id).ExecuteDeleteAsync(cancellationToken) : 0;
            return deleted == 0 ? throw new NotFoundException("The widget") : Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder widgets) =>
        widgets.MapDelete("/{widgetId}", async (string widgetId, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new Command(widgetId), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove a web widget (the answers it recorded stay)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
