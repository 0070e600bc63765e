using System.Reflection;

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
    ];
}
