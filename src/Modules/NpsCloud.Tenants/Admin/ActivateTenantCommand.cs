using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Admin;

/// <summary><c>./nps admin activate-tenant &lt;tenantId&gt;</c>: ends the trial for good (billing happens elsewhere).</summary>
internal sealed class ActivateTenantCommand(IServiceScopeFactory scopes, TimeProvider clock) : IAdminCommand
{
    public string Name => "activate-tenant";

    public string Usage => "activate-tenant <id>    make a tenant active: writes work again after the trial";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Count != 1 || !Guid.TryParse(arguments[0], out var tenantId))
        {
            output.WriteLine("Usage: ./nps admin " + Usage);
            return 2;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<TenantsDbContext>();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.TenantId == tenantId, cancellationToken);
        if (tenant is null)
        {
            output.WriteLine($"No tenant {tenantId}.");
            return 1;
        }

        if (tenant.Status != TenantStatus.Active)
        {
            tenant.Status = TenantStatus.Active;
            tenant.ActivatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        output.WriteLine($"{tenant.Name} ({tenantId}) is active since {tenant.ActivatedAt:yyyy-MM-dd HH:mm} UTC.");
        return 0;
    }
}
