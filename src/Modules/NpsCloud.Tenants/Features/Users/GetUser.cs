using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Users;

internal static class GetUser
{
    /// <summary><c>GET /users/{id}</c>.</summary>
    public sealed record Query(Guid Id) : IRequest<UserView>;

    public sealed class Handler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<Query, UserView>
    {
        public async Task<UserView> Handle(Query query, CancellationToken cancellationToken) =>
            ListUsers.Handler.View(await Users.FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken) ?? throw new NotFoundException("The user"), clock.GetUtcNow());

        private IQueryable<User> Users => db.Users.AsNoTracking().Include(u => u.Departments);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new GetUser.Query(id), cancellationToken))
            .WithSummary("One user")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
