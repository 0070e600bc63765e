using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>Invitations nobody accepted yet that have not expired, newest first.</summary>
internal static class ListPendingInvitations
{
    /// <summary>All of them (the app's list).</summary>
    public sealed record Query : IRequest<List<InvitationView>>;

    /// <summary><c>GET /users/invitations</c>: one page.</summary>
    public sealed record PageQuery(int? Limit, string? Cursor) : IRequest<Page<InvitationView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, List<InvitationView>>, IRequestHandler<PageQuery, Page<InvitationView>>
    {
        public async Task<List<InvitationView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await Pending().OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken)).Select(View).ToList();

        public async Task<Page<InvitationView>> Handle(PageQuery query, CancellationToken cancellationToken) =>
            (await Pending().PageAsync(i => i.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(View);

        private IQueryable<Domain.Invitation> Pending()
        {
            var now = clock.GetUtcNow();
            return db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.ExpiresAt > now);
        }

        private static InvitationView View(Domain.Invitation i) => new(i.Id, i.Email, i.Role, i.DepartmentIds, i.ExpiresAt);
    }
}
