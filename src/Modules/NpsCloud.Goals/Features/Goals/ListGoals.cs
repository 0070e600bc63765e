using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Goals.Features.Goals;

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

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (Guid? departmentId, bool? active, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListGoals.Query(departmentId, active, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Goals with their progress (departmentId, active); cursor pagination")
            .ProducesValidationProblem();
    }
}
