using MediatR;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>Turning the factor off forgets the secret and the codes; the page asks for a recent sign-in first.</summary>
internal static class DisableTwoFactor
{
    public sealed record Command : IRequest;

    public sealed class Handler(ITenantContext tenant, UserManager<User> users, SessionSignInManager signIn) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            if (!user.TwoFactorEnabled) return Unit.Value;
            user.AuthenticatorKey = null;
            user.RecoveryCodeHashes = [];
            await users.SetTwoFactorEnabledAsync(user, false);
            await signIn.RenewAfterCredentialChangeAsync(user);
            return Unit.Value;
        }
    }
}
