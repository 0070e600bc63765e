using MediatR;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>Goals as the API and pages show them: with their department's name and their progress today.</summary>
internal sealed class GoalViews(GoalProgressReader progress, IMediator mediator)
{
    public async Task<GoalView> ViewAsync(Goal goal, CancellationToken cancellationToken) =>
        (await ViewAllAsync([goal], cancellationToken))[0];

    public async Task<IReadOnlyList<GoalView>> ViewAllAsync(IReadOnlyList<Goal> goals, CancellationToken cancellationToken)
    {
        var today = await progress.TodayAsync(cancellationToken);
        var names = new Dictionary<Guid, string?>();
        var views = new List<GoalView>(goals.Count);
        foreach (var goal in goals)
        {
            if (!names.TryGetValue(goal.DepartmentId, out var name))
            {
                names[goal.DepartmentId] = name = (await mediator.Send(new FindDepartment(goal.DepartmentId), cancellationToken))?.Name;
            }

            views.Add(new GoalView(
                goal.Id, goal.DepartmentId, name, goal.SurveyId, goal.Touchpoint, goal.TargetNps, goal.PeriodStart, goal.PeriodEnd, goal.MinResponses,
                goal.ArchivedAt is not null, goal.CreatedAt, goal.UpdatedAt, await progress.ReadAsync(goal, today, cancellationToken)));
        }

        return views;
    }
}
