using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using NpsCloud.FollowUps;
using NpsCloud.Goals;
using NpsCloud.Responses;
using NpsCloud.Scoring;
using NpsCloud.Surveys;
using NpsCloud.Tenants;
using NpsCloud.Webhooks;

namespace NpsCloud.Host;

/// <summary>
/// The one list of modules: their registrations (in this order), the assemblies whose handlers, validators,
/// events and pages the host wires in, and what the architecture tests check the folders and the solution
/// against. A new module is added here and nowhere else in the code (the host project references
/// src/Modules/* by pattern; the Dockerfile restores every project it copies).
/// </summary>
public static class Modules
{
    private sealed record Module(Assembly Assembly, Func<IServiceCollection, IConfiguration, IServiceCollection> Register);

    private static readonly Module[] All =
    [
        new(typeof(TenantsModule).Assembly, TenantsModule.AddTenantsModule),
        new(typeof(SurveysModule).Assembly, SurveysModule.AddSurveysModule),
        new(typeof(ResponsesModule).Assembly, ResponsesModule.AddResponsesModule),
        new(typeof(ScoringModule).Assembly, ScoringModule.AddScoringModule),
        new(typeof(GoalsModule).Assembly, GoalsModule.AddGoalsModule),
        new(typeof(FollowUpsModule).Assembly, FollowUpsModule.AddFollowUpsModule),
        new(typeof(WebhooksModule).Assembly, WebhooksModule.AddWebhooksModule),
    ];

    public static readonly Assembly[] Assemblies = [.. All.Select(module => module.Assembly)];

    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var module in All) module.Register(services, configuration);
        return services;
    }

    /// <summary>
    /// The modules' pages, whether or not the build's generated application-part list names them (an
    /// incremental build can keep a stale list); a module already listed is not added twice.
    /// </summary>
    public static void AddPages(ApplicationPartManager parts)
    {
        foreach (var module in Assemblies)
        {
            if (parts.ApplicationParts.Any(part => part.Name == module.GetName().Name)) continue;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(module).GetApplicationParts(module))
            {
                parts.ApplicationParts.Add(part);
            }
        }
    }
}
