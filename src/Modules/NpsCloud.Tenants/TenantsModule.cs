using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Demo;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Tenants.Features.ApiKeys;
using NpsCloud.Tenants.Features.Operators;
using NpsCloud.Tenants.Features.Settings;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants;

/// <summary>Trial sign-up, accounts and roles, departments and API keys. The module's only public type: the host wires it in here.</summary>
public static class TenantsModule
{
    /// <summary>A minute unless configured: how long a copy may live when its change notification was missed.</summary>
    private static readonly TimeSpan DefaultCacheLifetime = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddTenantsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TenantsDbContext>();
        services.AddSingleton<CrossTenantLookup>();
        services.AddScoped<AccountEmails>();
        services.AddSingleton<IApiEndpoints, TenantsEndpoints>();
        services.AddSingleton<IAdminCommand, ActivateTenantCommand>();
        services.AddSingleton<IAdminCommand, VerifyEmailCommand>();
        services.AddSingleton<IAdminCommand, VerifySenderDomainCommand>();
        services.AddSingleton<ISenderDomainLookup, DnsSenderDomainLookup>();
        services.AddSingleton<VerificationTokens>();
        services.AddScoped<IDemoDataSeeder, TenantsDemoSeeder>();
        services.AddTransient(provider => new AccountNavText(provider.GetRequiredService<IStringLocalizer<TenantsText>>()));
        services.AddScoped<TenantProfileMemo>();
        services.AddScoped<TouchpointMemo>();
        AddCaches(services);
        services.AddSingleton(new AppNavigationItem(70, "/app", "Company overview", "Şirket özeti", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.AddSingleton(new AppNavigationItem(75, "/app/departments", "Manage departments", "Departmanları yönet", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.AddSingleton(new AppNavigationItem(80, "/app/users", "Users", "Kullanıcılar", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.AddSingleton(new AppNavigationItem(85, "/app/api-keys", "API keys", "API anahtarları", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.AddSingleton(new AppNavigationItem(86, "/docs", "API documentation", "API belgeleri", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.AddSingleton(new AppNavigationItem(90, "/app/settings", "Company settings", "Şirket ayarları", ManagersOnly: true, Group: NavigationGroup.Settings));
        AddAccounts(services, configuration);
        return services;
    }

    private static void AddAccounts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<User>(identity =>
            {
                // NIST 800-63B: length, no composition rules; the validators add "not the email or company"
                // and "not a common or breached password".
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                // No hard lock (the store reports lockout off): SignInThrottle backs off instead.
                identity.Lockout.AllowedForNewUsers = false;
                identity.User.AllowedUserNameCharacters = null!;
                identity.User.RequireUniqueEmail = false; // unique across tenants in the database itself
            })
            .AddUserStore<TenantUserStore>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>()
            .AddSignInManager<SessionSignInManager>()
            // Reset tokens and TOTP only: the default set's phone provider would ask a store we do not have,
            // and Identity's authenticator provider accepts a code more than once.
            .AddTokenProvider<DataProtectorTokenProvider<User>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(2));
        // OWASP's figure for PBKDF2-HMAC-SHA512 (Identity's v3 format); older hashes are redone at the next sign-in.
        services.Configure<PasswordHasherOptions>(hashing => hashing.IterationCount = configuration.GetValue("Passwords:HashIterations", 210_000));

        services.AddSingleton(configuration.GetSection("SignIn").Get<SignInThrottleSettings>() ?? new SignInThrottleSettings());
        services.AddSingleton<SignInThrottle>();
        services.Configure<MvcOptions>(mvc => mvc.Filters.Add<SecondFactorEnrolmentFilter>());

        // The host sets up the cookies and the API-key scheme (Authentication/AppAuthentication.cs); these say
        // whether a session still stands and whether a presented key is one of ours.
        services.AddSingleton<ISessionValidator, SessionCheck>();
        services.AddSingleton<IApiKeyVerifier, ApiKeyVerifier>();
    }

    /// <summary>
    /// This host's copies of API keys and tenant profiles, forgotten at once when any host changes them
    /// (LISTEN/NOTIFY, migration 0021), and the keys' last uses written together in the background.
    /// <c>Caching:ApiKeys</c> and <c>Caching:TenantProfiles</c> bound a copy's life (zero keeps none);
    /// <c>ApiKeys:LastUsedFlushInterval</c> is how often the last uses are written (30 seconds).
    /// </summary>
    private static void AddCaches(IServiceCollection services)
    {
        services.AddSingleton(provider => new ApiKeyCache(
            provider.GetRequiredService<IConfiguration>().GetValue("Caching:ApiKeys", DefaultCacheLifetime), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new TenantProfileCache(
            provider.GetRequiredService<IConfiguration>().GetValue("Caching:TenantProfiles", DefaultCacheLifetime), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDatabaseNotificationListener, ApiKeyChanges>();
        services.AddSingleton<IDatabaseNotificationListener, TenantChanges>();
        services.AddSingleton<ApiKeyUses>();
        services.AddHostedService(provider =>
        {
            var interval = provider.GetRequiredService<IConfiguration>().GetValue("ApiKeys:LastUsedFlushInterval", TimeSpan.FromSeconds(30));
            if (interval <= TimeSpan.Zero) throw new InvalidOperationException($"ApiKeys:LastUsedFlushInterval must be longer than zero, not {interval}.");
            return new ApiKeyUseWriter(provider.GetRequiredService<ApiKeyUses>(), interval, provider.GetRequiredService<ILogger<ApiKeyUseWriter>>());
        });
    }
}
