using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;

namespace NpsCloud.Surveys;

/// <summary>Surveys, contacts, audiences and sending invitations. The module's only public type: the host wires it in here.</summary>
public static class SurveysModule
{
    public static IServiceCollection AddSurveysModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<SurveysDbContext>();
}
