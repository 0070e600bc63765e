using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features;

internal sealed record GoalView(
    Guid Id,
    Guid DepartmentId,
    string? DepartmentName,
    Guid? SurveyId,
    string? Touchpoint,
    decimal TargetNps,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int MinResponses,
    bool Archived,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    GoalProgress Progress);

internal sealed record GoalReviewView(
    Guid Id, Guid GoalId, string Kind, DateTimeOffset Slot, DateTimeOffset ReviewedAt, string Status, decimal? Nps, GoalProgress.Interval? Ci,
    long Responses, decimal TargetNps, decimal? Change)
{
    public static GoalReviewView Of(GoalReview r) => new(
        r.Id, r.GoalId, r.Kind, r.Slot, r.ReviewedAt, r.Status, r.Nps,
        r.CiLow is { } low && r.CiHigh is { } high ? new GoalProgress.Interval((double)low, (double)high) : null,
        r.Responses, r.TargetNps, r.Change);
}

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

internal static class GetGoal
{
    public sealed record Query(Guid Id) : IRequest<GoalView>;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant, GoalViews views) : IRequestHandler<Query, GoalView>
    {
        public async Task<GoalView> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAsync(await GoalRules.FindAsync(db, tenant, query.Id, cancellationToken), cancellationToken);
    }
}

/// <summary>
/// <c>GET /goals?departmentId&amp;active</c>: the goals the caller may see, oldest first, cursor pages.
/// <c>active=true</c> keeps the goals not archived whose period has not ended.
/// </summary>
internal static class ListGoals
{
    public sealed record Query(Guid? DepartmentId, bool? Active, int? Limit, string? Cursor) : IRequest<Page<GoalView>>;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant, GoalViews views, GoalProgressReader progress) : IRequestHandler<Query, Page<GoalView>>
    {
        public async Task<Page<GoalView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var goals = db.Goals.AsNoTracking();
            if (tenant.VisibleDepartments?.ToArray() is { } visible) goals = goals.Where(g => visible.Contains(g.DepartmentId));
            if (query.DepartmentId is { } departmentId) goals = goals.Where(g => g.DepartmentId == departmentId);
            if (query.Active is { } active)
            {
                var today = await progress.TodayAsync(cancellationToken);
                goals = active
                    ? goals.Where(g => g.ArchivedAt == null && g.PeriodEnd >= today)
                    : goals.Where(g => g.ArchivedAt != null || g.PeriodEnd < today);
            }

            if (after is { } afterId) goals = goals.Where(g => g.Id > afterId);
            var page = Paging.Of(await goals.OrderBy(g => g.Id).Take(limit + 1).ToListAsync(cancellationToken), limit, g => g.Id);
            return new Page<GoalView>(await views.ViewAllAsync(page.Items, cancellationToken), page.Next);
        }
    }
}

/// <summary><c>GET /goals/{id}/reviews</c>: the goal's review snapshots, newest first, one page.</summary>
internal static class ListGoalReviews
{
    public sealed record Query(Guid GoalId, int? Limit, string? Cursor) : IRequest<Page<GoalReviewView>>;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant) : IRequestHandler<Query, Page<GoalReviewView>>
    {
        public async Task<Page<GoalReviewView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var goal = await GoalRules.FindAsync(db, tenant, query.GoalId, cancellationToken);
            return (await db.Reviews.AsNoTracking().Where(r => r.GoalId == goal.Id)
                .PageAsync(r => r.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(GoalReviewView.Of);
        }
    }
}
