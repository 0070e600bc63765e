using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// The signed-in person changes their password, proving the current one. The security stamp changes, so
/// every other session of theirs ends; this browser gets a new session.
/// </summary>
internal static class ChangePassword
{
    public sealed record Command(string CurrentPassword, string NewPassword, string? ClientAddress = null) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text)
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(_ => text["Validation.CurrentPasswordRequired"]);
            RuleFor(c => c.NewPassword).ValidPassword(text);
        }
    }

    public sealed class Handler(
        ITenantContext tenant, UserManager<User> users, SessionSignInManager signIn, SignInThrottle throttle, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            if (throttle.MustWait(user.NormalizedEmail, command.ClientAddress) || !await users.CheckPasswordAsync(user, command.CurrentPassword))
            {
                throttle.RecordFailure(user.NormalizedEmail, command.ClientAddress);
                throw new RequestValidationException("currentPassword", text["Validation.CurrentPasswordWrong"]);
            }

            if (string.Equals(command.NewPassword.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new RequestValidationException("newPassword", text["Validation.PasswordObvious"]);
            }

            var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!changed.Succeeded) throw new RequestValidationException("newPassword", string.Join(" ", changed.Errors.Select(e => e.Description)));
            await signIn.RenewAfterCredentialChangeAsync(user);
            return Unit.Value;
        }
    }
}
