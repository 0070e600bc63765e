using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Push;

/// <summary>The body: what the browser's <c>PushSubscription.toJSON()</c> gives (its <c>expirationTime</c> is ignored).</summary>
internal sealed record PushSubscriptionBody(string? Endpoint, PushSubscriptionKeys? Keys, double? ExpirationTime);

internal sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>
/// <c>POST /app/push-subscriptions</c> (the inbox page's "Notify me on this phone", same origin, the
/// session cookie and the antiforgery header): this device is told of cases assigned to the signed-in
/// person. Subscribing a device again updates it (a shared phone passes to whoever subscribed last); a
/// person's eleventh device replaces their oldest.
/// </summary>
internal static class SubscribeToPush
{
    public sealed record Command(string? Endpoint, string? P256dh, string? Auth) : IRequest<Unit>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text, IOptions<FollowUpOptions> options)
        {
            RuleFor(c => c.Endpoint).Must(e => e is { Length: <= PushRules.MaxEndpointLength } && PushRules.IsPushServiceAddress(e, options.Value.Push.AllowLoopbackHttp))
                .WithMessage(_ => text["Validation.PushEndpoint"]).OverridePropertyName("endpoint");
            RuleFor(c => c.P256dh).Must(k => PushRules.IsBase64Url(k, 65, firstByte: 0x04))
                .WithMessage(_ => text["Validation.PushKey"]).OverridePropertyName("keys.p256dh");
            RuleFor(c => c.Auth).Must(a => PushRules.IsBase64Url(a, 16))
                .WithMessage(_ => text["Validation.PushAuth"]).OverridePropertyName("keys.auth");
        }
    }

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = tenant.UserId ?? throw new ConflictException("Only a signed-in person can be notified.");
            var now = clock.GetUtcNow();
            var device = await db.PushSubscriptions.FirstOrDefaultAsync(d => d.Endpoint == command.Endpoint, cancellationToken);
            if (device is null)
            {
                db.PushSubscriptions.Add(new PushSubscription
                {
                    Id = Guid.CreateVersion7(now), UserId = userId, Endpoint = command.Endpoint!, P256dh = command.P256dh!, Auth = command.Auth!, CreatedAt = now,
                });
            }
            else
            {
                (device.UserId, device.P256dh, device.Auth, device.CreatedAt) = (userId, command.P256dh!, command.Auth!, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            var beyondTheCap = await db.PushSubscriptions.Where(d => d.UserId == userId)
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(PushSubscription.MaxDevicesPerUser).ToListAsync(cancellationToken);
            if (beyondTheCap.Count > 0)
            {
                db.PushSubscriptions.RemoveRange(beyondTheCap);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/app/push-subscriptions", (HttpContext context, IAntiforgery antiforgery, IMediator mediator, CancellationToken cancellationToken) =>
                PushRules.AnswerAsync<PushSubscriptionBody>(context, antiforgery, body =>
                    mediator.Send(new Command(body?.Endpoint, body?.Keys?.P256dh, body?.Keys?.Auth), cancellationToken)))
            .RequireAuthorization(AppPolicies.Member)
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();
    }
}
