using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.Tenants.Features.Operators;

/// <summary>
/// An operator command that acts on one company named by its id: the usage on a missing or malformed id
/// (exit 2), <c>No tenant &lt;id&gt;.</c> for an unknown one (exit 1), otherwise the work under that tenant.
/// </summary>
internal abstract class TenantAdminCommand(IServiceScopeFactory scopes) : IAdminCommand
{
    public abstract string Name { get; }

    public abstract string Usage { get; }

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

        await RunAsync(db, tenant, output, cancellationToken);
        // Activation changes the plan: a profile this scope read before is not the company's any more.
        scope.ServiceProvider.GetRequiredService<TenantProfileMemo>().Forget(tenantId);
        return 0;
    }

    /// <summary>The command's work on the company it was given, which exists.</summary>
    protected abstract Task RunAsync(TenantsDbContext db, Tenant tenant, TextWriter output, CancellationToken cancellationToken);
}
