using MediatR;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>New recovery codes replace the old ones (shown once).</summary>
internal static class RenewRecoveryCodes
{
    public sealed record Command : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(ITenantContext tenant, UserManager<User> users) : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            if (!user.TwoFactorEnabled) return [];
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, EnableTwoFactor.RecoveryCodeCount))?.ToList() ?? [];
        }
    }
}
