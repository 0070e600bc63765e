using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

internal static class ListDepartments
{
    /// <summary>Every department, by name (the app's lists and pickers).</summary>
    public sealed record Query(bool IncludeArchived = false) : IRequest<List<DepartmentView>>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, List<DepartmentView>>
    {
        public async Task<List<DepartmentView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await Filtered(query.IncludeArchived).OrderBy(d => d.Name).ToListAsync(cancellationToken)).Select(DepartmentView.From).ToList();

        private IQueryable<Department> Filtered(bool includeArchived) => db.Departments.AsNoTracking().Where(d => includeArchived || d.ArchivedAt == null);
    }
}
