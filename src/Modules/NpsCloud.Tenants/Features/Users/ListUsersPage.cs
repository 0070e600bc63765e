using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Users;

internal static class ListUsersPage
{
    /// <summary><c>GET /users</c>: one page, in the order they joined.</summary>
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<UserView>>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, Page<UserView>>
    {
        public async Task<Page<UserView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return (await Users.PageAsync(u => u.Id, query.Limit, query.Cursor, newestFirst: false, cancellationToken)).Map(u => ListUsers.Handler.View(u, now));
        }

        private IQueryable<User> Users => db.Users.AsNoTracking().Include(u => u.Departments);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListUsersPage.Query(limit, cursor), cancellationToken)).WithLink(http))
            .WithSummary("The company's users with their roles, departments and whether they are active, in the order they joined, one page");
    }
}
