using MediatR;
using Microsoft.EntityFrameworkCore;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>Invitations nobody accepted yet that have not expired, newest first.</summary>
internal static class ListPendingInvitations
{
    /// <summary>All of them (the app's list).</summary>
    public sealed record Query : IRequest<List<InvitationView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, List<InvitationView>>
    {
        public async Task<List<InvitationView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await Pending().OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken)).Select(View).ToList();

        private IQueryable<Domain.Invitation> Pending()
        {
            var now = clock.GetUtcNow();
            return db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.ExpiresAt > now);
        }

        internal static InvitationView View(Domain.Invitation i) => new(i.Id, i.Email, i.Role, i.DepartmentIds, i.ExpiresAt);
    }
}
