using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;

namespace NpsCloud.Goals;

/// <summary>Department NPS targets and their scheduled reviews. The module's only public type: the host wires it in here.</summary>
public static class GoalsModule
{
    public static IServiceCollection AddGoalsModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<GoalsDbContext>();
}
