using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary><c>GET /webhooks</c>: newest first, cursor pagination.</summary>
internal static class ListWebhooks
{
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<WebhookView>>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, Page<WebhookView>>
    {
        public async Task<Page<WebhookView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.Endpoints.AsNoTracking().PageAsync(e => e.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(e => WebhookView.From(e));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListWebhooks.Query(limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's webhook endpoints, newest first, without their secrets; cursor pagination")
            .Produces<Page<WebhookView>>()
            .ProducesValidationProblem();
    }
}
