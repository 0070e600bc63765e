using NpsCloud.Contracts.Tenants;
using MediatR;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// Email and password to a session cookie. The email finds the tenant (the one cross-tenant path for
/// people); Identity checks the password and locks the account for 5 minutes after 5 failures.
/// </summary>
internal static class SignIn
{
    public sealed record Command(string Email, string Password, bool Remember) : IRequest<Outcome>;

    public enum Outcome { SignedIn, Failed, LockedOut }

    public sealed class Handler(CrossTenantLookup lookup, TenantContext tenant, UserManager<User> users, SignInManager<User> signIn)
        : IRequestHandler<Command, Outcome>
    {
        // Hashing a password for an address nobody has keeps "no such account" as slow as "wrong password".
        private static readonly User NoOne = new() { Email = "", NormalizedEmail = "", Name = "", Role = Roles.Viewer, Locale = "en" };
        private static readonly string NoOnesHash = new PasswordHasher<User>().HashPassword(NoOne, Guid.NewGuid().ToString());

        public async Task<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await lookup.UserByEmailAsync(users.NormalizeEmail(command.Email.Trim()), cancellationToken);
            if (account is not { } found)
            {
                users.PasswordHasher.VerifyHashedPassword(NoOne, NoOnesHash, command.Password);
                return Outcome.Failed;
            }

            tenant.Set(found.TenantId);
            var user = await users.FindByIdAsync(found.UserId.ToString());
            // A deactivated account gets the same answer, as slowly, as a wrong password.
            if (user is null || !user.IsActive)
            {
                users.PasswordHasher.VerifyHashedPassword(NoOne, NoOnesHash, command.Password);
                return Outcome.Failed;
            }

            var result = await signIn.PasswordSignInAsync(user, command.Password, command.Remember, lockoutOnFailure: true);
            return result.Succeeded ? Outcome.SignedIn : result.IsLockedOut ? Outcome.LockedOut : Outcome.Failed;
        }
    }
}
