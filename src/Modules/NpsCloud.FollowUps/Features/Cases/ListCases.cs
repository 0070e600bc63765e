using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>The inbox's filters, as the API's query parameters name them.</summary>
internal sealed record CaseFilter(string? Status = null, Guid? DepartmentId = null, Guid? AssigneeId = null, bool? Overdue = null)
{
    public IQueryable<FollowUpCase> Apply(IQueryable<FollowUpCase> cases, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(Status))
        {
            if (!FollowUpStatuses.All.Contains(Status)) throw new RequestValidationException("status", $"Use one of: {string.Join(", ", FollowUpStatuses.All)}.");
            cases = cases.Where(c => c.Status == Status);
        }

        if (DepartmentId is { } departmentId) cases = cases.Where(c => c.DepartmentId == departmentId);
        if (AssigneeId is { } assigneeId) cases = cases.Where(c => c.AssigneeUserId == assigneeId);
        if (Overdue is { } overdue)
        {
            // The same test as FollowUpCase.IsOverdueAt, in SQL.
            cases = overdue
                ? cases.Where(c => c.FirstContactedAt == null && (c.Status == FollowUpStatuses.Open || c.Status == FollowUpStatuses.Escalated) && c.DueAt <= now)
                : cases.Where(c => !(c.FirstContactedAt == null && (c.Status == FollowUpStatuses.Open || c.Status == FollowUpStatuses.Escalated) && c.DueAt <= now));
        }

        return cases;
    }
}

/// <summary><c>GET /follow-ups</c>: newest first, cursor pagination; a department head sees only their departments' cases.</summary>
internal static class ListCases
{
    public sealed record Query(CaseFilter Filter, int? Limit, string? Cursor) : IRequest<Page<CaseView>>;

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, Page<CaseView>>
    {
        public async Task<Page<CaseView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var now = clock.GetUtcNow();
            var cases = query.Filter.Apply(db.Cases.AsNoTracking().Visible(tenant), now);
            if (Paging.After(query.Cursor) is { } after) cases = cases.Where(c => c.Id < after);
            var rows = await cases.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, c => c.Id);
            return new Page<CaseView>(await CaseView.ManyAsync(mediator, page.Items, now, cancellationToken), page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (string? status, Guid? departmentId, Guid? assigneeId, bool? overdue, int? limit, string? cursor,
                    HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListCases.Query(new CaseFilter(status, departmentId, assigneeId, overdue), limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Follow-up cases, newest first, filtered (status, departmentId, assigneeId, overdue); cursor pagination")
            .Produces<Page<CaseView>>()
            .ProducesValidationProblem();
    }
}
