using System.Data.Common;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Retention;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.BuildingBlocks;

public static class BuildingBlocksRegistration
{
    /// <summary>
    /// Database access, tenancy, messaging (MediatR pipeline and outbox), mail and the clock, for the
    /// handlers and validators of <paramref name="moduleAssemblies"/>.
    /// </summary>
    public static IServiceCollection AddBuildingBlocks(
        this IServiceCollection services, IConfiguration configuration, params Assembly[] moduleAssemblies)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(_ => DatabaseOptions.FromConfiguration(configuration));
        services.AddSingleton<AppDataSource>();
        services.AddSingleton<SqlMigrator>();
        // Registered first: a missing key file stops the host before it migrates anything.
        services.AddHostedService<KeyRingStartupCheck>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<DatabaseNotifications>();
        services.AddSingleton<IAdminCommand, MigrateCommand>();

        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(provider => provider.GetRequiredService<TenantContext>());
        services.AddScoped<ScopeConnection>();
        services.AddScoped<ScopeConnectionInterceptor>();
        services.AddScoped<TenantConnectionFactory>();

        services.AddMessaging(moduleAssemblies);
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.AddSingleton<OutboxSignal>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<IDatabaseNotificationListener, OutboxNotificationListener>();
        services.AddScoped<IRetentionRule, PlatformRetention>();

        services.AddDataProtection().SetApplicationName("NpsCloud");
        services.AddSingleton<DataProtectionKeyRing>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, ConfigureKeyRing>();

        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<PublicLinks>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc => mvc.Filters.Add(new DomainRefusalPageFilter()));
        services.AddScoped<CompanyTime>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc => mvc.Filters.Add(new CompanyTimePageFilter()));
        services.AddSingleton<ImportSlots>();
        return services;
    }

    /// <summary>
    /// A module's DbContext on the scope's one application connection (<see cref="ScopeConnection"/>),
    /// with the scope's tenant on every command and snake_case names as in the SQL migrations.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext =>
        services.AddDbContext<TContext>((provider, options) => UsePostgres(options, provider.GetRequiredService<ScopeConnection>().Connection)
            .AddInterceptors(provider.GetRequiredService<ScopeConnectionInterceptor>()));

    /// <summary>The provider and naming every module context uses (also what the schema-drift test builds with).</summary>
    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, DbConnection connection) =>
        options.UseNpgsql(connection, contextOwnsConnection: false).UseSnakeCaseNamingConvention();
}
