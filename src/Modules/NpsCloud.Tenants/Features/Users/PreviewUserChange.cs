using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>
/// What a change to a person would do besides itself, for its confirmation: the departments that would lose
/// them as head, their open cases that would go to the owner (and who that is), and their active API keys.
/// Changes nothing.
/// </summary>
internal static class PreviewUserChange
{
    /// <param name="Role">The role after the change; null when the person is deactivated or removed.</param>
    /// <param name="DepartmentIds">The departments after the change (null: as now).</param>
    public sealed record Query(Guid Id, string? Role, Guid[]? DepartmentIds) : IRequest<UserChangePreview>;

    public sealed class Handler(TenantsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, UserChangePreview>
    {
        public async Task<UserChangePreview> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await db.Users.AsNoTracking().Include(u => u.Departments).FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken)
                ?? throw new BuildingBlocks.Messaging.NotFoundException("The user");
            var departmentIds = query.DepartmentIds ?? user.Departments.Select(d => d.DepartmentId).ToArray();
            var headed = await db.Departments.AsNoTracking().Where(d => d.HeadUserId == user.Id).ToListAsync(cancellationToken);
            var lost = headed.Where(d => !Roles.MayHead(query.Role, departmentIds, d.Id)).Select(d => d.Name).ToArray();
            var cases = await mediator.Send(new CountOpenCasesToHandOver(user.Id, query.Role, departmentIds), cancellationToken);
            var successor = await db.Users.AsNoTracking().Where(u => u.Id != user.Id && u.Role == Roles.Owner && u.DeactivatedAt == null)
                .OrderBy(u => u.CreatedAt).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
            var keys = await RevokeApiKey.CountCreatedByAsync(db, user.Id, cancellationToken);
            return new UserChangePreview(ListUsers.Handler.View(user, clock.GetUtcNow()), lost, cases, successor, keys);
        }
    }
}

/// <param name="DepartmentsNoLongerHeaded">Names of the departments that would lose the person as head.</param>
/// <param name="OpenCasesHandedOver">Open follow-up cases that would go to <paramref name="SuccessorName"/>.</param>
/// <param name="ActiveApiKeys">The person's active API keys (the change offers to revoke them).</param>
internal sealed record UserChangePreview(UserView User, string[] DepartmentsNoLongerHeaded, int OpenCasesHandedOver, string? SuccessorName, int ActiveApiKeys);
