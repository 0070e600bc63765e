using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary>
/// <c>POST /webhooks/{id}/rotate-secret</c>: a new secret, shown in this answer only. For 24 hours every
/// delivery is signed with both, so a receiver can switch without losing a message. Rotating again within
/// the 24 hours drops the oldest secret at once. Allowed after the trial: a leaked secret can always be replaced.
/// </summary>
internal static class RotateWebhookSecret
{
    public sealed record Command(Guid Id) : IRequest<WebhookView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, WebhookSecrets secrets, TimeProvider clock) : IRequestHandler<Command, WebhookView>
    {
        public async Task<WebhookView> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await WebhookRules.FindAsync(db, command.Id, cancellationToken);
            var now = clock.GetUtcNow();
            var secret = WebhookSignature.NewSecret();
            endpoint.PreviousSecret = endpoint.Secret;
            endpoint.PreviousSecretExpiresAt = now + WebhookEndpoint.RotationOverlap;
            endpoint.Secret = secrets.Protect(secret);
            endpoint.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return WebhookView.From(endpoint, secret);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/rotate-secret", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new RotateWebhookSecret.Command(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("A new signing secret, in this answer only; for 24 hours deliveries carry signatures with the old and the new one")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
