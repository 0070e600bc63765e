using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>Invitations nobody accepted yet that have not expired, newest first.</summary>
internal static class ListPendingInvitationsPage
{
    /// <summary><c>GET /users/invitations</c>: one page.</summary>
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<InvitationView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, Page<InvitationView>>
    {
        public async Task<Page<InvitationView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await Pending().PageAsync(i => i.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(ListPendingInvitations.Handler.View);

        private IQueryable<Domain.Invitation> Pending()
        {
            var now = clock.GetUtcNow();
            return db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.ExpiresAt > now);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/invitations", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListPendingInvitationsPage.Query(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("Invitations not yet accepted and not expired, newest first, one page");
    }
}
