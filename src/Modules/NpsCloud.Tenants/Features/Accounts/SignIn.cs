using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// Email and password to a session cookie, or to the second step when the person has a second factor.
/// The email finds the tenant (the one cross-tenant path for people). Every failure is the same
/// <see cref="Outcome.Failed"/>: a wrong password, an address nobody has, a deactivated account, and an attempt refused by the
/// back-off (<see cref="SignInThrottle"/>), so the answer tells nobody which addresses have accounts.
/// </summary>
internal static class SignIn
{
    public sealed record Command(string Email, string Password, bool Remember, string? ClientAddress = null) : IRequest<Outcome>;

    public enum Outcome { SignedIn, SecondFactorRequired, Failed }

    public sealed class Handler(
        CrossTenantLookup lookup, TenantContext tenant, UserManager<User> users, SessionSignInManager signIn, SignInThrottle throttle, IHttpContextAccessor http)
        : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = users.NormalizeEmail(command.Email.Trim()) ?? "";
            if (throttle.MustWait(account, command.ClientAddress))
            {
                // As slow as a checked password, so waiting cannot be told from a wrong guess by the clock either.
                PasswordTiming.HashForNoOne(users, command.Password);
                return Outcome.Failed;
            }

            var user = await FindAsync(account, cancellationToken);
            // A deactivated account gets the same answer, as slowly, as an address nobody has.
            if (user is null || !user.IsActive)
            {
                PasswordTiming.HashForNoOne(users, command.Password);
                throttle.RecordFailure(account, command.ClientAddress);
                return Outcome.Failed;
            }

            // Checking also re-hashes a password stored with fewer iterations than configured (SuccessRehashNeeded).
            if (!(await signIn.CheckPasswordSignInAsync(user, command.Password, lockoutOnFailure: false)).Succeeded)
            {
                throttle.RecordFailure(account, command.ClientAddress);
                return Outcome.Failed;
            }

            throttle.RecordSuccess(account, command.ClientAddress);
            var context = http.HttpContext!;
            if (user.TwoFactorEnabled && !await SecondFactor.IsDeviceRememberedAsync(context, user))
            {
                await SecondFactor.StartAsync(context, user, command.Remember);
                return Outcome.SecondFactorRequired;
            }

            await signIn.SignInAsync(user, command.Remember, authenticationMethod: "pwd");
            return Outcome.SignedIn;
        }

        private async Task<User?> FindAsync(string account, CancellationToken cancellationToken)
        {
            if (account.Length == 0 || await lookup.UserByEmailAsync(account, cancellationToken) is not { } found) return null;
            tenant.Set(found.TenantId);
            return await users.FindByIdAsync(found.UserId.ToString());
        }
    }
}

/// <summary>Work that makes "no such account" take as long as a checked password.</summary>
internal static class PasswordTiming
{
    private static readonly User NoOne = new() { Email = "", NormalizedEmail = "", Name = "", Role = Roles.Viewer, Locale = "en" };
    private static string? _noOnesHash;

    public static void HashForNoOne(UserManager<User> users, string password)
    {
        // Made with the configured hasher, so it costs the configured iterations.
        var hash = _noOnesHash ??= users.PasswordHasher.HashPassword(NoOne, Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(NoOne, hash, password);
    }
}
