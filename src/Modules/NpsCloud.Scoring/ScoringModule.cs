using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;

namespace NpsCloud.Scoring;

/// <summary>NPS rollups, statistics and the metrics API. The module's only public type: the host wires it in here.</summary>
public static class ScoringModule
{
    public static IServiceCollection AddScoringModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<ScoringDbContext>();
}
