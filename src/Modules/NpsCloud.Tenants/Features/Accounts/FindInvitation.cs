using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The invitation behind a link, if it can still be accepted.</summary>
internal static class FindInvitation
{
    public sealed record Query(string Token) : IRequest<Found?>;

    public sealed record Found(string Email, string Company, string Role, string Locale);

    public sealed class Handler(CrossTenantLookup lookup, TenantContext tenant, TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, Found?>
    {
        public async Task<Found?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (await lookup.InvitationAsync(InvitationToken.Hash(query.Token), cancellationToken) is not { } found) return null;
            tenant.Set(found.TenantId);
            var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == found.InvitationId, cancellationToken);
            if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= clock.GetUtcNow()) return null;
            var company = await db.Tenants.AsNoTracking().FirstAsync(cancellationToken);
            return new Found(invitation.Email, company.Name, invitation.Role, company.Locale);
        }
    }
}
