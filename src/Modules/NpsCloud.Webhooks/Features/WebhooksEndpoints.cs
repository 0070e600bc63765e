using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features;

internal static class WebhooksEndpoints
{
    public sealed record CreateBody(string? Url, string[]? Events, string? Description);

    public static void Map(IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").WithDepartmentRule(DepartmentAccess.ManagersOnly);

        webhooks.MapPost("", async (CreateBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(new CreateWebhook.Command(body.Url, body.Events, body.Description), cancellationToken);
                return Results.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithIdempotencyKey()
            .WithSummary("Register an endpoint {url, events, description?}; the signing secret is in this answer only; honours Idempotency-Key")
            .Produces<WebhookView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        webhooks.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListWebhooks.Query(limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's webhook endpoints, newest first, without their secrets; cursor pagination")
            .Produces<Page<WebhookView>>()
            .ProducesValidationProblem();

        webhooks.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetWebhook.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One endpoint, without its secret")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeleteWebhook.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Delete an endpoint and its delivery log; nothing more is sent to it")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/rotate-secret", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new RotateWebhookSecret.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("A new signing secret, in this answer only; for 24 hours deliveries carry signatures with the old and the new one")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/enable", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new EnableWebhook.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Send new events again to an endpoint that was disabled (by a 410 or five days of failures)")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/test", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var queued = await mediator.Send(new SendTestEvent.Command(id), cancellationToken);
                return Results.Accepted($"/api/v1/webhooks/{id}/deliveries/{queued.Id}", queued);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Send a webhook.test event to this endpoint now, signed and retried like any event, to check the receiver")
            .Produces<DeliveryView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        webhooks.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListDeliveries.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The endpoint's deliveries, newest first: event type, webhook-id, status, attempts; cursor pagination")
            .Produces<Page<DeliveryView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", (Guid id, Guid deliveryId, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetDelivery.Query(id, deliveryId), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One delivery with its body and every attempt (status code, duration, error, the start of the answer)")
            .Produces<DeliveryDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async (Guid id, Guid deliveryId, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var queued = await mediator.Send(new Redeliver.Command(id, deliveryId), cancellationToken);
                return Results.Accepted($"/api/v1/webhooks/{id}/deliveries/{queued.Id}", queued);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Send the same body with the same webhook-id again now, as a new delivery")
            .Produces<DeliveryView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
