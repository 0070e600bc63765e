using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Emails;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// Forgot password: an emailed link with Identity's reset token (valid 2 hours). The answer is the same
/// whether or not the address has an account, so the form reveals nothing.
/// </summary>
internal static class RequestPasswordReset
{
    public sealed record Command(string Email) : IRequest;

    public sealed class Handler(
        CrossTenantLookup lookup, TenantContext tenant, UserManager<User> users, IEmailSender mail, AccountEmails emails, ILogger<Command> logger)
        : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await lookup.UserByEmailAsync(users.NormalizeEmail(command.Email.Trim()), cancellationToken) is { } account)
            {
                tenant.Set(account.TenantId);
                if (await users.FindByIdAsync(account.UserId.ToString()) is { } user)
                {
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    try
                    {
                        await mail.SendAsync(emails.PasswordReset(user.Email, user.Name, user.Id, token, user.Locale), cancellationToken);
                    }
                    catch (Exception e) when (e is System.Net.Mail.SmtpException or EmailRejectedException)
                    {
                        // The page answers the same either way; the operator sees why no mail went out.
                        logger.LogError(e, "Could not send a password reset email");
                    }
                }
            }

            return MediatR.Unit.Value;
        }
    }
}

internal static class ResetPassword
{
    public sealed record Command(Guid UserId, string Token, string Password) : IRequest<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text) => RuleFor(c => c.Password).ValidPassword(text);
    }

    /// <summary>True when the password was changed; false for an unknown, used or expired link.</summary>
    public sealed class Handler(CrossTenantLookup lookup, TenantContext tenant, UserManager<User> users, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await lookup.TenantOfUserAsync(command.UserId, cancellationToken) is not { } tenantId) return false;
            tenant.Set(tenantId);
            if (await users.FindByIdAsync(command.UserId.ToString()) is not { } user) return false;

            if (string.Equals(command.Password.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new BuildingBlocks.Messaging.RequestValidationException("password", text["Validation.PasswordObvious"]);
            }

            var reset = await users.ResetPasswordAsync(user, command.Token, command.Password);
            if (!reset.Succeeded) return false;

            // A reset also lifts a lockout: the owner of the mailbox has proved who they are.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }
    }
}
