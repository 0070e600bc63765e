using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>The finders and checks the goal slices share.</summary>
internal static class GoalRules
{
    /// <summary>A goal the caller may see (department heads: of their departments), or 404.</summary>
    public static async Task<Goal> FindAsync(GoalsDbContext db, ITenantContext tenant, Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var goals = track ? db.Goals : db.Goals.AsNoTracking();
        var goal = await goals.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        return goal is not null && tenant.CanSee(goal.DepartmentId) ? goal : throw new NotFoundException("The goal");
    }

    /// <summary>The goal's department (visible to the caller, not archived), survey and period must make sense together.</summary>
    public static async Task CheckAsync(GoalsDbContext db, IMediator mediator, ITenantContext tenant, Goal goal, CancellationToken cancellationToken)
    {
        var department = await mediator.Send(new FindDepartment(goal.DepartmentId), cancellationToken);
        if (department is null || !tenant.CanSee(department.Id)) throw new NotFoundException("The department");
        if (department.Archived) throw new ConflictException($"The department {department.Name} is archived.");
        if (goal.SurveyId is { } surveyId && await mediator.Send(new FindSurvey(surveyId), cancellationToken) is null)
        {
            throw new NotFoundException("The survey");
        }

        var sameScope = await db.Goals.AsNoTracking()
            .Where(g => g.DepartmentId == goal.DepartmentId && g.ArchivedAt == null && g.Id != goal.Id)
            .ToListAsync(cancellationToken);
        if (sameScope.FirstOrDefault(goal.Overlaps) is { } other)
        {
            throw new ConflictException($"Another goal for the same answers covers {other.PeriodStart:yyyy-MM-dd}..{other.PeriodEnd:yyyy-MM-dd}; choose a period that does not overlap it.");
        }
    }
}
