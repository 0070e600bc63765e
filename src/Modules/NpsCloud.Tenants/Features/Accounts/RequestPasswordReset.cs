using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

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
