using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

internal static class ListDepartments
{
    /// <summary>Every department, by name (the app's lists and pickers).</summary>
    public sealed record Query(bool IncludeArchived = false) : IRequest<List<DepartmentView>>;

    /// <summary><c>GET /departments</c>: one page, in the order they were added.</summary>
    public sealed record PageQuery(bool IncludeArchived, int? Limit, string? Cursor) : IRequest<Page<DepartmentView>>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, List<DepartmentView>>, IRequestHandler<PageQuery, Page<DepartmentView>>
    {
        public async Task<List<DepartmentView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await Filtered(query.IncludeArchived).OrderBy(d => d.Name).ToListAsync(cancellationToken)).Select(DepartmentView.From).ToList();

        public async Task<Page<DepartmentView>> Handle(PageQuery query, CancellationToken cancellationToken) =>
            (await Filtered(query.IncludeArchived).PageAsync(d => d.Id, query.Limit, query.Cursor, newestFirst: false, cancellationToken)).Map(DepartmentView.From);

        private IQueryable<Department> Filtered(bool includeArchived) => db.Departments.AsNoTracking().Where(d => includeArchived || d.ArchivedAt == null);
    }
}

internal static class GetDepartment
{
    public sealed record Query(Guid Id) : IRequest<DepartmentView>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, DepartmentView>
    {
        public async Task<DepartmentView> Handle(Query query, CancellationToken cancellationToken) =>
            DepartmentView.From(await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.Id, cancellationToken)
                ?? throw DepartmentRules.NotFound());
    }
}
