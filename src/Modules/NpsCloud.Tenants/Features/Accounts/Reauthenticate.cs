using MediatR;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

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
