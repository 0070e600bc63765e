using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.SignUp;

/// <summary>
/// The owner follows the link emailed at sign-up (and confirms with a button: a mail scanner that
/// fetches the link proves nothing). The company is verified and the invitations held for it go out.
/// Sent in a scope of its own: the token names the tenant.
/// </summary>
internal static class VerifyEmail
{
    /// <summary>Answers false for a link that is forged, expired or for an address the owner no longer has.</summary>
    public sealed record Command(string Token) : IRequest<bool>;

    public sealed class Handler(TenantsDbContext db, TenantContext tenant, VerificationTokens tokens, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            if (tokens.Read(command.Token) is not { } claim) return false;
            tenant.Set(claim.TenantId);
            var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == claim.UserId, cancellationToken);
            if (owner is null || owner.Role != Roles.Owner || owner.NormalizedEmail != claim.NormalizedEmail) return false;

            var company = await db.Tenants.FirstAsync(t => t.TenantId == claim.TenantId, cancellationToken);
            await MarkVerifiedAsync(db, company, clock.GetUtcNow(), cancellationToken);
            return true;
        }
    }

    /// <summary>The one way a company becomes verified (the link and the operator's command): once, with its event.</summary>
    public static async Task MarkVerifiedAsync(TenantsDbContext db, Tenant company, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (company.EmailVerifiedAt is not null) return;
        company.EmailVerifiedAt = now;
        db.Publish(new TenantEmailVerified(Guid.CreateVersion7(now), company.TenantId, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
