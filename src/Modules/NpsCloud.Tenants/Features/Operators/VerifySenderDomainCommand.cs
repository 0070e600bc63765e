using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Operators;

/// <summary>
/// <c>./nps admin verify-sender-domain &lt;tenantId&gt;</c>: an operator vouches for the domain of the
/// company's own sender address (checked another way, or on a host without DNS checks): invitations go
/// out from that address from now on.
/// </summary>
internal sealed class VerifySenderDomainCommand(IServiceScopeFactory scopes, TimeProvider clock) : TenantAdminCommand(scopes)
{
    public override string Name => "verify-sender-domain";

    public override string Usage => "verify-sender-domain <id> mark the domain of a tenant's own sender address verified: invitations go from it";

    protected override async Task RunAsync(TenantsDbContext db, Tenant tenant, TextWriter output, CancellationToken cancellationToken)
    {
        if (tenant.SenderDomain is not { } domain)
        {
            output.WriteLine($"{tenant.Name} ({tenant.TenantId}) has no own sender address: nothing to verify.");
            return;
        }

        tenant.SenderDomainVerifiedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        output.WriteLine($"{tenant.Name} ({tenant.TenantId}) sends from {tenant.SenderAddress}: {domain} verified since {tenant.SenderDomainVerifiedAt:yyyy-MM-dd HH:mm} UTC.");
    }
}
