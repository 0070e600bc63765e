using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

internal static class ListDepartmentsPage
{
    /// <summary><c>GET /departments</c>: one page, in the order they were added.</summary>
    public sealed record Query(bool IncludeArchived, int? Limit, string? Cursor) : IRequest<Page<DepartmentView>>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, Page<DepartmentView>>
    {
        public async Task<Page<DepartmentView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await Filtered(query.IncludeArchived).PageAsync(d => d.Id, query.Limit, query.Cursor, newestFirst: false, cancellationToken)).Map(DepartmentView.From);

        private IQueryable<Department> Filtered(bool includeArchived) => db.Departments.AsNoTracking().Where(d => includeArchived || d.ArchivedAt == null);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (bool? includeArchived, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListDepartmentsPage.Query(includeArchived ?? false, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's departments in the order they were added, one page (archived ones only with includeArchived=true)");
    }
}
