using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.FollowUps.Features.Push;

/// <summary>
/// <c>POST /app/push-subscriptions/remove</c> with <c>{"endpoint": "..."}</c>: this device is no longer
/// notified. Only the signed-in person's own device is removed; answering 204 whether or not it was there,
/// so two taps (or two tabs) never fail.
/// </summary>
internal static class UnsubscribeFromPush
{
    public sealed record Command(string? Endpoint) : IRequest<Unit>, ITenantWrite;

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (tenant.UserId is { } userId && command.Endpoint is { Length: > 0 and <= PushRules.MaxEndpointLength } endpoint)
            {
                await db.PushSubscriptions.Where(d => d.UserId == userId && d.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }

    public sealed record Body(string? Endpoint);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/app/push-subscriptions/remove", (HttpContext context, IAntiforgery antiforgery, IMediator mediator, CancellationToken cancellationToken) =>
                PushRules.AnswerAsync<Body>(context, antiforgery, body => mediator.Send(new Command(body?.Endpoint), cancellationToken)))
            .RequireAuthorization(AppPolicies.Member)
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();
    }
}
