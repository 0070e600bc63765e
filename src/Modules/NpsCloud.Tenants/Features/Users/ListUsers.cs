using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Users;

internal static class ListUsers
{
    /// <summary>Every user, by name (the app's lists and pickers).</summary>
    public sealed record Query : IRequest<List<UserView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, List<UserView>>
    {
        public async Task<List<UserView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return (await Users.OrderBy(u => u.Name).ToListAsync(cancellationToken)).Select(u => View(u, now)).ToList();
        }

        private IQueryable<User> Users => db.Users.AsNoTracking().Include(u => u.Departments);

        public static UserView View(User u, DateTimeOffset now) =>
            new(u.Id, u.Email, u.Name, u.Role, u.Departments.Select(d => d.DepartmentId).ToArray(), u.LockoutEnd > now, u.CreatedAt, u.IsActive, u.DeactivatedAt);
    }
}
