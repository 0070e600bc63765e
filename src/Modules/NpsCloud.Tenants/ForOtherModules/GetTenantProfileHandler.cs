using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>Answers other modules (and the trial check) with the tenant's plan and settings, read once per scope (<see cref="TenantProfileMemo"/>).</summary>
internal sealed class GetTenantProfileHandler(TenantsDbContext db, TimeProvider clock, ITenantContext caller, TenantProfileMemo memo) : IRequestHandler<GetTenantProfile, TenantProfile>
{
    public async Task<TenantProfile> Handle(GetTenantProfile query, CancellationToken cancellationToken)
    {
        if (!memo.TryGet(caller.TenantId, query.TenantId, out var tenant))
        {
            tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == query.TenantId, cancellationToken)
                ?? throw new NotFoundException("The tenant");
            memo.Remember(caller.TenantId, tenant);
        }

        return tenant.ProfileAt(clock.GetUtcNow());
    }
}
