using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;

namespace NpsCloud.FollowUps;

/// <summary>Closing the loop with detractors: cases, alerts and escalation. The module's only public type: the host wires it in here.</summary>
public static class FollowUpsModule
{
    public static IServiceCollection AddFollowUpsModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<FollowUpsDbContext>();
}
