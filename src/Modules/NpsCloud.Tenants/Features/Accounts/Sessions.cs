using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

internal static class SessionClaims
{
    /// <summary>The id of the session's row in <c>tenants.sessions</c>.</summary>
    public const string SessionId = "sid";
}

/// <summary>
/// Identity's sign-in, with a server-side session: every sign-in (password, second factor, sign-up,
/// accepted invitation) writes a <see cref="Session"/> row and puts its id in the cookie; signing out ends
/// the row, so a saved copy of the cookie opens nothing afterwards.
/// </summary>
internal sealed class SessionSignInManager(
    UserManager<User> users, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> options, ILogger<SignInManager<User>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation, TenantsDbContext db, TimeProvider clock, SessionSettings settings)
    : SignInManager<User>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(User user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var now = clock.GetUtcNow();
        // The user's finished and timed-out sessions are of no more use: sign-in is a good moment to drop them.
        var stale = now - settings.AbsoluteTimeout;
        await db.Sessions.Where(s => s.UserId == user.Id && (s.EndedAt != null || s.CreatedAt < stale)).ExecuteDeleteAsync();
        var session = new Session { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = now, AuthenticatedAt = now };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Append(new Claim(SessionClaims.SessionId, session.Id.ToString())));
    }

    public override async Task SignOutAsync()
    {
        if (Guid.TryParse(Context.User.FindFirstValue(SessionClaims.SessionId), out var sessionId))
        {
            var now = clock.GetUtcNow();
            await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// After a change of password or second factor (which changes the security stamp and so ends every
    /// session of the person): end them all in the table too, and give this browser a new session.
    /// </summary>
    public async Task RenewAfterCredentialChangeAsync(User user)
    {
        var now = clock.GetUtcNow();
        await SessionRecords.EndAllAsync(db, user.Id, now);
        // The request's own authentication result (authenticating again would refuse the changed stamp).
        var persistent = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.IsPersistent ?? false;
        await SignInAsync(user, persistent);
    }

    /// <summary>The person proved who they are again (password or code): the "recent sign-in" clock restarts.</summary>
    public async Task MarkReauthenticatedAsync()
    {
        if (!Guid.TryParse(Context.User.FindFirstValue(SessionClaims.SessionId), out var sessionId)) return;
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.AuthenticatedAt, now));
    }
}

internal static class SessionRecords
{
    public static Task<int> EndAllAsync(TenantsDbContext db, Guid userId, DateTimeOffset now) =>
        db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
}
