using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// For entry points that find their tenant themselves (signing up, logging in, links from emails): the
/// work runs in a scope of its own, so the tenant of a session that happens to be open in the same
/// browser never clashes with the tenant the link or login belongs to.
/// </summary>
public static class OwnScope
{
    public static async Task<T> SendAsync<T>(this IServiceScopeFactory scopes, IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}
