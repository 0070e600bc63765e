using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// The check of every request that carries a session cookie: one query reads the session row, the user's
/// security stamp and whether the company requires a second factor the user lacks. A session ended by
/// logging out, or whose user's stamp changed (password change or reset, second factor changed, role
/// change or deactivation), is refused at once, with no grace interval.
/// </summary>
internal sealed class SessionCheck(SessionSettings settings) : ISessionValidator
{
    private static readonly object MustEnrolKey = new();

    /// <summary>Whether this request's person must set up the second factor before doing anything else.</summary>
    public static bool MustEnrolSecondFactor(HttpContext context) => context.Items.ContainsKey(MustEnrolKey);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // The API authenticates API keys only: a browser's session cookie sent along is ignored there.
        if (ApiRequests.IsApi(context.HttpContext.Request.Path))
        {
            context.RejectPrincipal();
            return;
        }

        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (!Guid.TryParse(principal?.FindFirstValue(TenantClaims.TenantId), out var tenantId)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(SessionClaims.SessionId), out var sessionId)
            || principal.FindFirstValue(stampClaim) is not { } stamp
            || !long.TryParse(principal.FindFirstValue(UserClaimsFactory.AuthTimeClaim), out var signedInAt)
            || now - DateTimeOffset.FromUnixTimeSeconds(signedInAt) > settings.AbsoluteTimeout)
        {
            await RejectAsync(context);
            return;
        }

        // Read in a scope of its own, so a refused cookie leaves no tenant on the request.
        await using var check = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        check.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, userId);
        var db = check.ServiceProvider.GetRequiredService<TenantsDbContext>();
        var state = await (
            from session in db.Sessions.AsNoTracking()
            join user in db.Users.AsNoTracking() on new { session.TenantId, session.UserId } equals new { user.TenantId, UserId = user.Id }
            join tenant in db.Tenants.AsNoTracking() on session.TenantId equals tenant.TenantId
            where session.Id == sessionId && session.UserId == userId
            select new { session.EndedAt, session.AuthenticatedAt, user.SecurityStamp, MustEnrol = tenant.RequireTwoFactor && !user.TwoFactorEnabled })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (state is null || state.EndedAt is not null || !string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
            return;
        }

        services.GetRequiredService<TenantContext>().Set(tenantId, userId);
        RecentSignIn.Record(context.HttpContext, now - state.AuthenticatedAt <= settings.RecentSignInWindow);
        if (state.MustEnrol) context.HttpContext.Items[MustEnrolKey] = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
