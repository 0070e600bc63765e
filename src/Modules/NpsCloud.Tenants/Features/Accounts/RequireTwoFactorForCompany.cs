using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// An owner requires the second factor for everyone in the company. An owner without one cannot turn the
/// requirement on (they would be sent to set it up at once anyway).
/// </summary>
internal static class RequireTwoFactorForCompany
{
    public sealed record Command(bool Required) : IRequest, ITenantWrite;

    public sealed class Handler(ITenantContext tenant, UserManager<User> users, TenantsDbContext db, IStringLocalizer<TenantsText> text) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            if (!Roles.Can(user.Role, Permission.SetSignInPolicy)) throw new TwoFactorRefusedException(text["TwoFactor.OwnersOnly"]);
            if (command.Required && !user.TwoFactorEnabled) throw new TwoFactorRefusedException(text["TwoFactor.RequireOwnFirst"]);
            var company = await db.Tenants.FirstAsync(cancellationToken);
            company.RequireTwoFactor = command.Required;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

internal sealed class TwoFactorRefusedException(string detail) : DomainException(409, "two_factor_refused", "Two-factor change refused", detail);
