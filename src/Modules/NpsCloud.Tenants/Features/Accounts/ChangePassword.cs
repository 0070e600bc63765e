using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Accounts;
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

/// <summary>"Prove it is still you" before a sensitive action: the password, or a code when the person has a second factor.</summary>
internal static class Reauthenticate
{
    public sealed record Command(string Secret, string? ClientAddress = null) : IRequest<bool>;

    public sealed class Handler(ITenantContext tenant, UserManager<User> users, SessionSignInManager signIn, SignInThrottle throttle)
        : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await CurrentUser.FindAsync(tenant, users);
            if (throttle.MustWait(user.NormalizedEmail, command.ClientAddress)) return false;
            var proved = !string.IsNullOrEmpty(command.Secret)
                         && (await users.CheckPasswordAsync(user, command.Secret) || await SecondFactor.VerifyAsync(users, user, command.Secret));
            if (!proved)
            {
                throttle.RecordFailure(user.NormalizedEmail, command.ClientAddress);
                return false;
            }

            throttle.RecordSuccess(user.NormalizedEmail, command.ClientAddress);
            await signIn.MarkReauthenticatedAsync();
            return true;
        }
    }
}

/// <summary>The signed-in person's own row (the session check set the tenant and user of the request).</summary>
internal static class CurrentUser
{
    public static async Task<User> FindAsync(ITenantContext tenant, UserManager<User> users) =>
        tenant.UserId is { } id && await users.FindByIdAsync(id.ToString()) is { } user
            ? user
            : throw new InvalidOperationException("An account action ran without a signed-in person.");
}
