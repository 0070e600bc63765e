using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary>
/// <c>POST /webhooks/{id}/enable</c>: an endpoint disabled by a 410 or five days of failures receives new
/// events again (the deliveries stopped meanwhile stay stopped; redeliver the ones that matter).
/// </summary>
internal static class EnableWebhook
{
    public sealed record Command(Guid Id) : IRequest<WebhookView>, ITenantWrite, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<Command, WebhookView>
    {
        public async Task<WebhookView> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await WebhookRules.FindAsync(db, command.Id, cancellationToken);
            if (endpoint.DisabledAt is not null)
            {
                endpoint.DisabledAt = null;
                endpoint.DisabledReason = null;
                endpoint.FailingSince = null;
                endpoint.UpdatedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            return WebhookView.From(endpoint);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/enable", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new EnableWebhook.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Send new events again to an endpoint that was disabled (by a 410 or five days of failures)")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
