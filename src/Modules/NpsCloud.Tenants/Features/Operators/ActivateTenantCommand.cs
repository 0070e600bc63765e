using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Operators;

/// <summary><c>./nps admin activate-tenant &lt;tenantId&gt;</c>: ends the trial for good (billing happens elsewhere).</summary>
internal sealed class ActivateTenantCommand(IServiceScopeFactory scopes, TimeProvider clock) : TenantAdminCommand(scopes)
{
    public override string Name => "activate-tenant";

    public override string Usage => "activate-tenant <id>    make a tenant active: writes work again after the trial";

    protected override async Task RunAsync(TenantsDbContext db, Tenant tenant, TextWriter output, CancellationToken cancellationToken)
    {
        if (tenant.Status != TenantStatus.Active)
        {
            tenant.Status = TenantStatus.Active;
            tenant.ActivatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        output.WriteLine($"{tenant.Name} ({tenant.TenantId}) is active since {tenant.ActivatedAt:yyyy-MM-dd HH:mm} UTC.");
    }
}
