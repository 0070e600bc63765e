using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Rollups;

namespace NpsCloud.Scoring.Demo;

/// <summary>
/// <c>./nps run --demo</c>, after the demo answers: their rollups are computed at once, because seeding
/// runs before the outbox is delivered and the goals' demo history is measured from them. The import's
/// event recomputes the same rows later, which changes nothing.
/// </summary>
internal sealed class RollupsDemoSeeder(IServiceScopeFactory scopes) : IDemoDataSeeder
{
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FindDemoTenant(), cancellationToken) is not { } tenantId) return [];
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ScoringDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<RollupMaintenance>().RebuildAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
