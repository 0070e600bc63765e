using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Scoring.Demo;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring;

/// <summary>NPS rollups, statistics and the metrics API. The module's only public type: the host wires it in here.</summary>
public static class ScoringModule
{
    public static IServiceCollection AddScoringModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ScoringDbContext>();
        services.AddScoped<RollupMaintenance>();
        services.AddSingleton<IAdminCommand, RebuildRollupsCommand>();
        services.AddScoped<IDemoDataSeeder, RollupsDemoSeeder>();
        services.AddSingleton<IApiEndpoints, ScoringEndpoints>();
        services.AddSingleton(new AppNavigationItem(5, "/dashboard", "Dashboard", "NPS paneli"));
        return services;
    }
}
