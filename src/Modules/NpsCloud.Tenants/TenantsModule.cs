using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Admin;
using NpsCloud.Tenants.Demo;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Emails;
using NpsCloud.Tenants.Features.ApiKeys;
using NpsCloud.Tenants.Features.Departments;
using NpsCloud.Tenants.Features.Settings;
using NpsCloud.Tenants.Features.SignUp;
using NpsCloud.Tenants.Features.Users;

namespace NpsCloud.Tenants;

/// <summary>Trial sign-up, accounts and roles, departments and API keys. The module's only public type: the host wires it in here.</summary>
public static class TenantsModule
{
    public static IServiceCollection AddTenantsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TenantsDbContext>();
        services.AddSingleton<CrossTenantLookup>();
        services.AddScoped<AccountEmails>();
        services.AddSingleton<IApiEndpoints, Endpoints>();
        services.AddSingleton<IAdminCommand, ActivateTenantCommand>();
        services.AddScoped<IDemoDataSeeder, TenantsDemoSeeder>();
        services.AddSingleton(new AppNavigationItem(0, "/app", "Dashboard", "Panel"));
        services.AddSingleton(new AppNavigationItem(10, "/app/departments", "Departments", "Departmanlar"));
        services.AddSingleton(new AppNavigationItem(80, "/app/users", "Users", "Kullanıcılar", ManagersOnly: true));
        services.AddSingleton(new AppNavigationItem(85, "/app/api-keys", "API keys", "API anahtarları", ManagersOnly: true));
        services.AddSingleton(new AppNavigationItem(90, "/app/settings", "Settings", "Ayarlar", ManagersOnly: true));
        AddAccounts(services, configuration);
        return services;
    }

    private static void AddAccounts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<User>(identity =>
            {
                // NIST 800-63B: length, no composition rules; the validators add "not the email or company".
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.AllowedUserNameCharacters = null!;
                identity.User.RequireUniqueEmail = false; // unique across tenants in the database itself
            })
            .AddUserStore<TenantUserStore>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(2));

        var idleTimeout = configuration.GetValue("Session:IdleTimeout", TimeSpan.FromHours(2));
        var absoluteTimeout = configuration.GetValue("Session:AbsoluteTimeout", TimeSpan.FromHours(12));
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                // __Host-: only ever set by this host over HTTPS, for every path, never for a parent domain.
                cookie.Cookie.Name = "__Host-nps.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always; // Development relaxes it (Program.cs)
                cookie.ExpireTimeSpan = idleTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.AccessDeniedPath = "/app";
                cookie.Events.OnValidatePrincipal = context => ValidateSessionAsync(context, absoluteTimeout);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiAuthorization.Scheme, null);
        services.Configure<SecurityStampValidatorOptions>(stamps =>
        {
            stamps.ValidationInterval = TimeSpan.FromMinutes(5);
            // A refreshed session keeps the time of the sign-in, so the absolute timeout still counts from it.
            stamps.OnRefreshingPrincipal = refresh =>
            {
                var signedInAt = refresh.CurrentPrincipal?.FindFirst(UserClaimsFactory.AuthTimeClaim);
                if (signedInAt is not null && refresh.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.RemoveClaim(identity.FindFirst(UserClaimsFactory.AuthTimeClaim));
                    identity.AddClaim(new Claim(UserClaimsFactory.AuthTimeClaim, signedInAt.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthorization(authorization =>
        {
            ApiAuthorization.AddPolicies(authorization);
            authorization.AddPolicy(AppPolicies.Member, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
            authorization.AddPolicy(AppPolicies.Manager, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireRole(AppPolicies.ManagerRoles));
        });
    }

    /// <summary>
    /// Every request with a session: set its tenant before anything touches the database (the security
    /// stamp check reads the user under row-level security), and end sessions older than the absolute timeout.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context, TimeSpan absoluteTimeout)
    {
        // The API authenticates API keys only: a browser's session cookie sent along is ignored there.
        if (ApiRequests.IsApi(context.HttpContext.Request.Path))
        {
            context.RejectPrincipal();
            return;
        }

        var principal = context.Principal;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (!Guid.TryParse(principal?.FindFirstValue(TenantClaims.TenantId), out var tenantId)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !long.TryParse(principal.FindFirstValue(UserClaimsFactory.AuthTimeClaim), out var signedInAt)
            || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedInAt) > absoluteTimeout)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        context.HttpContext.RequestServices.GetRequiredService<TenantContext>().Set(tenantId, userId);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private sealed class Endpoints : IApiEndpoints
    {
        public void Map(IEndpointRouteBuilder api)
        {
            SignUp.Map(api);
            TenantEndpoints.Map(api);
            DepartmentsEndpoints.Map(api);
            ApiKeysEndpoints.Map(api);
            UsersEndpoints.Map(api);
        }
    }
}
