using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Scoring.Rollups;

/// <summary><c>./nps admin rebuild-rollups [tenantId]</c>: recomputes a tenant's rollups (or every tenant's) from the responses.</summary>
internal sealed class RebuildRollupsCommand(IServiceScopeFactory scopes) : IAdminCommand
{
    public string Name => "rebuild-rollups";

    public string Usage => "rebuild-rollups [id]    recompute the NPS rollups of one tenant, or of all, from the responses";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> tenants;
        if (arguments.Count == 1 && Guid.TryParse(arguments[0], out var one))
        {
            tenants = [one];
        }
        else if (arguments.Count == 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            tenants = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListTenantIds(), cancellationToken);
        }
        else
        {
            output.WriteLine("Usage: ./nps admin " + Usage);
            return 2;
        }

        foreach (var tenantId in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<ScoringDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<RollupMaintenance>().RebuildAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            output.WriteLine($"Rebuilt the rollups of {tenantId}.");
        }

        return 0;
    }
}
