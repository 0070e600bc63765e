using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;

namespace NpsCloud.Responses;

/// <summary>Answers from email links, the response page and the import API. The module's only public type: the host wires it in here.</summary>
public static class ResponsesModule
{
    public static IServiceCollection AddResponsesModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleDbContext<ResponsesDbContext>();
}
