using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace NpsCloud.Host;

/// <summary>The module assemblies whose handlers, validators and events the host wires in.</summary>
public static class Modules
{
    public static readonly Assembly[] Assemblies =
    [
        typeof(NpsCloud.Tenants.TenantsModule).Assembly,
        typeof(NpsCloud.Surveys.SurveysModule).Assembly,
        typeof(NpsCloud.Responses.ResponsesModule).Assembly,
        typeof(NpsCloud.Scoring.ScoringModule).Assembly,
        typeof(NpsCloud.Goals.GoalsModule).Assembly,
        typeof(NpsCloud.FollowUps.FollowUpsModule).Assembly,
        typeof(NpsCloud.Webhooks.WebhooksModule).Assembly,
    ];

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
