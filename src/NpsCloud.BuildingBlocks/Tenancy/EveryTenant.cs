using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// The loop of the clustered jobs that serve every company: each tenant's work runs in a scope of its
/// own with that tenant set, and a tenant whose work fails is logged and left for the next run, so it
/// never stops the others.
/// </summary>
public static class EveryTenant
{
    public static async Task RunAsync(
        IServiceScopeFactory scopes, ILogger logger, string what, Func<IServiceProvider, Guid, Task> work, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListTenantIds(), cancellationToken);
        }

        await RunAsync(scopes, logger, what, tenants, work, cancellationToken);
    }

    /// <summary>The same loop over some tenants only (those a narrow cross-tenant query found work for).</summary>
    public static async Task RunAsync(
        IServiceScopeFactory scopes, ILogger logger, string what, IEnumerable<Guid> tenants, Func<IServiceProvider, Guid, Task> work, CancellationToken cancellationToken)
    {
        foreach (var tenantId in tenants)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
                await work(scope.ServiceProvider, tenantId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Work} failed for tenant {TenantId}; the next run tries again", what, tenantId);
            }
        }
    }
}
