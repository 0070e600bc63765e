using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Departments;

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
}
