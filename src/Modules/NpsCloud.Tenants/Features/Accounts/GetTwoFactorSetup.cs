using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// The second factor's page: whether it is on, and, while it is off, the secret to add to an authenticator
/// app. The secret is made on the first visit and kept (without changing the security stamp) until the
/// person confirms it with a code, so reloading the page shows the same QR code.
/// </summary>
internal static class GetTwoFactorSetup
{
    /// <param name="PrepareKey">Make the secret if there is none yet (the set-up page); false only reads.</param>
    public sealed record Query(bool PrepareKey = true) : IRequest<Setup>;

    /// <param name="Key">The base32 secret while the factor is off; null once it is on.</param>
    public sealed record Setup(bool Enabled, string Email, string? Key, int RecoveryCodesLeft, bool CompanyRequires, bool IsOwner);

    public sealed class Handler(ITenantContext tenant, UserManager<User> users, TenantsDbContext db) : IRequestHandler<Query, Setup>
    {
        public async Task<Setup> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            var requires = await db.Tenants.AsNoTracking().Select(t => t.RequireTwoFactor).FirstAsync(cancellationToken);
            if (query.PrepareKey && !user.TwoFactorEnabled && string.IsNullOrEmpty(user.AuthenticatorKey))
            {
                user.AuthenticatorKey = users.GenerateNewAuthenticatorKey();
                await users.UpdateAsync(user);
            }

            return new Setup(user.TwoFactorEnabled, user.Email, user.TwoFactorEnabled ? null : user.AuthenticatorKey,
                user.RecoveryCodeHashes.Length, requires, Roles.Can(user.Role, Permission.SetSignInPolicy));
        }
    }
}
