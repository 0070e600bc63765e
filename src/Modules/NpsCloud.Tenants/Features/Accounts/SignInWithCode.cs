using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The code step of signing in: a TOTP code or a recovery code for the person the password step named.</summary>
internal static class SignInWithCode
{
    public sealed record Command(Guid TenantId, Guid UserId, bool Persistent, string Code, bool RememberDevice, string? ClientAddress = null) : IRequest<bool>;

    public sealed class Handler(TenantContext tenant, UserManager<User> users, SessionSignInManager signIn, SignInThrottle throttle, IHttpContextAccessor http)
        : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            tenant.Set(command.TenantId);
            if (await users.FindByIdAsync(command.UserId.ToString()) is not { } user) return false;
            if (throttle.MustWait(user.NormalizedEmail, command.ClientAddress)) return false;
            if (!await SecondFactor.VerifyAsync(users, user, command.Code))
            {
                throttle.RecordFailure(user.NormalizedEmail, command.ClientAddress);
                return false;
            }

            throttle.RecordSuccess(user.NormalizedEmail, command.ClientAddress);
            var context = http.HttpContext!;
            await SecondFactor.EndPendingAsync(context);
            if (command.RememberDevice) await SecondFactor.RememberDeviceAsync(context, user);
            await signIn.SignInAsync(user, command.Persistent, authenticationMethod: "mfa");
            return true;
        }
    }
}
