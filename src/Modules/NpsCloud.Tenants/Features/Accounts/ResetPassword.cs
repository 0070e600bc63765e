using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// The emailed link's form. Every failure (an unknown user, a garbage, used or expired token) is the same
/// <c>false</c>, checked before anything about the new password that depends on the account, so the
/// answer reveals nothing. A reset takes the account back: the security stamp changes (every session
/// ends at its next request) and the API keys the person created before the reset are revoked, so
/// whoever used someone else's address loses access when the owner of the mailbox resets the password
/// (this host forgets its copies of the company's keys at once, the others when they hear of it).
/// </summary>
internal static class ResetPassword
{
    public sealed record Command(Guid UserId, string Token, string Password) : IRequest<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<TenantsText> text) => RuleFor(c => c.Password).ValidPassword(text);
    }

    /// <summary>True when the password was changed; false for an unknown, used or expired link.</summary>
    public sealed class Handler(
        CrossTenantLookup lookup, TenantContext tenant, UserManager<User> users, TenantsDbContext db, TimeProvider clock, IStringLocalizer<TenantsText> text,
        ApiKeyCache keys)
        : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await lookup.TenantOfUserAsync(command.UserId, cancellationToken) is not { } tenantId) return false;
            tenant.Set(tenantId);
            if (await users.FindByIdAsync(command.UserId.ToString()) is not { } user) return false;
            if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, command.Token))
            {
                return false;
            }

            // Only the mailbox's owner (a valid token) gets this far, so this answer tells a stranger nothing.
            if (string.Equals(command.Password.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new BuildingBlocks.Messaging.RequestValidationException("password", text["Validation.PasswordObvious"]);
            }

            var reset = await users.ResetPasswordAsync(user, command.Token, command.Password);
            if (!reset.Succeeded) return false;

            var now = clock.GetUtcNow();
            await SessionRecords.EndAllAsync(db, user.Id, now);
            await db.ApiKeys.Where(k => k.CreatedBy == user.Id && k.RevokedAt == null && k.CreatedAt <= now)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
            keys.ForgetTenant(tenantId);
            return true;
        }
    }
}
