using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host.Authentication;

/// <summary>
/// How people and integrators are recognised, for the whole app: the session cookie (checked on every
/// request by the module that owns sessions, <see cref="ISessionValidator"/>), the two cookies of the
/// second-factor step, the API-key scheme, and the authorization policies of the API and the pages.
/// </summary>
public static class AppAuthentication
{
    /// <summary>The second-factor step must be finished within this.</summary>
    private static readonly TimeSpan PendingSecondFactorLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A device whose person ticked "remember this device" skips the code this long.</summary>
    private static readonly TimeSpan RememberedDeviceLifetime = TimeSpan.FromDays(30);

    public static IServiceCollection AddAppAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SessionSettings.From(configuration);
        services.AddSingleton(settings);

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                // __Host-: only ever set by this host over HTTPS, for every path, never for a parent domain.
                cookie.Cookie.Name = "__Host-nps.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always; // Development relaxes it (Program.cs)
                cookie.ExpireTimeSpan = settings.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                // A page the person may not open answers 403 (the status code pages show "You do not have
                // access to this page" in their language) rather than sending them somewhere else.
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<ISessionValidator>().ValidateAsync(context);
            })
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, cookie =>
            {
                cookie.Cookie.Name = "__Host-nps.2fa";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = PendingSecondFactorLifetime;
                cookie.SlidingExpiration = false;
            })
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
            {
                cookie.Cookie.Name = "__Host-nps.device";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = RememberedDeviceLifetime;
                cookie.SlidingExpiration = false;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiAuthorization.Scheme, null);

        services.AddAuthorization(authorization =>
        {
            ApiAuthorization.AddPolicies(authorization);
            authorization.AddPolicy(AppPolicies.Member, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
            authorization.AddPolicy(AppPolicies.Manager, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(AppPolicies.ManagerRoles));
        });
        return services;
    }
}
