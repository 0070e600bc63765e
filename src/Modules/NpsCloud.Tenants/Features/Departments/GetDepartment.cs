using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.Departments;

internal static class GetDepartment
{
    public sealed record Query(Guid Id) : IRequest<DepartmentView>;

    public sealed class Handler(TenantsDbContext db) : IRequestHandler<Query, DepartmentView>
    {
        public async Task<DepartmentView> Handle(Query query, CancellationToken cancellationToken) =>
            DepartmentView.From(await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.Id, cancellationToken)
                ?? throw DepartmentRules.NotFound());
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetDepartment.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One department")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
