using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

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
