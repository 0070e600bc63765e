using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary><c>GET /webhooks/{id}</c>: one endpoint, without its secret.</summary>
internal static class GetWebhook
{
    public sealed record Query(Guid Id) : IRequest<WebhookView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, WebhookView>
    {
        public async Task<WebhookView> Handle(Query query, CancellationToken cancellationToken) =>
            WebhookView.From(await WebhookRules.FindAsync(db, query.Id, cancellationToken));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetWebhook.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One endpoint, without its secret")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
