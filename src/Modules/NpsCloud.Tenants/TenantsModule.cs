using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;

namespace NpsCloud.Tenants;

/// <summary>Trial sign-up, accounts and roles, departments and API keys. The module's only public type: the host wires it in here.</summary>
public static class TenantsModule
{
    public static IServiceCollection AddTenantsModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<TenantsDbContext>();
}
