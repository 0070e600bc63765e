using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Departments;

/// <summary><c>outcome</c> is <c>deleted</c>, or <c>archived</c> when another module holds data for the department.</summary>
internal sealed record DepartmentsDeletedDepartment(Guid Id, string Outcome);

/// <summary>Deletes a department nobody has data for; one with data is archived, so nothing stored is lost.</summary>
internal static class DeleteDepartment
{
    public sealed record Command(Guid Id) : IRequest<Outcome>, ITenantWrite, IManagersOnly;

    public enum Outcome { Deleted, Archived }

    public sealed class Handler(TenantsDbContext db, IEnumerable<IDepartmentDataCheck> dataChecks, TimeProvider clock) : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == command.Id, cancellationToken) ?? throw DepartmentRules.NotFound();
            foreach (var check in dataChecks)
            {
                if (await check.HasDataAsync(department.Id, cancellationToken))
                {
                    department.ArchivedAt ??= clock.GetUtcNow();
                    await db.SaveChangesAsync(cancellationToken);
                    return Outcome.Archived;
                }
            }

            db.Departments.Remove(department);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Deleted;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var outcome = await mediator.Send(new DeleteDepartment.Command(id), cancellationToken);
                return Results.Ok(new DepartmentsDeletedDepartment(id, outcome.ToString().ToLowerInvariant()));
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Delete a department; one with data (surveys, responses, goals) is archived instead")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Produces<DepartmentsDeletedDepartment>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
