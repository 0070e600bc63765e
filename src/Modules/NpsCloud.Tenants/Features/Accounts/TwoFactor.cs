using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Accounts;
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

/// <summary>The person proves the app has the secret with its current code; the factor is on and ten recovery codes are shown once.</summary>
internal static class EnableTwoFactor
{
    public const int RecoveryCodeCount = 10;

    public sealed record Command(string Code) : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(ITenantContext tenant, UserManager<User> users, SessionSignInManager signIn, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            var code = new string((command.Code ?? "").Where(char.IsAsciiDigit).ToArray());
            if (user.TwoFactorEnabled || string.IsNullOrEmpty(user.AuthenticatorKey) || code.Length != 6
                || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
            {
                throw new RequestValidationException("code", text["TwoFactor.CodeWrong"]);
            }

            // Changes the security stamp: the person's other sessions end; this browser gets a new one.
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
            await signIn.RenewAfterCredentialChangeAsync(user);
            return codes;
        }
    }
}

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
