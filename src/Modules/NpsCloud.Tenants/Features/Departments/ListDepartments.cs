using MediatR;
using Microsoft.EntityFrameworkCore;

namespace NpsCloud.Tenants.Features.Departments;

internal static class ListDepartments
{
    public sealed record Query(bool IncludeArchived = false) : IRequest<List<DepartmentView>>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, List<DepartmentView>>
    {
        public async Task<List<DepartmentView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.Departments.AsNoTracking()
                .Where(d => query.IncludeArchived || d.ArchivedAt == null)
                .OrderBy(d => d.Name)
                .ToListAsync(cancellationToken))
            .Select(DepartmentView.From)
            .ToList();
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
