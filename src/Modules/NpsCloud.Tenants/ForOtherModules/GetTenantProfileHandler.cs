using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>
/// Answers other modules (and the trial check) with the tenant's plan and settings: one answer per scope
/// (<see cref="TenantProfileMemo"/>, so a request never sees its company change halfway), read from this
/// host's copy (<see cref="TenantProfileCache"/>) when the caller is the tenant itself, else from the database.
/// </summary>
internal sealed class GetTenantProfileHandler(TenantsDbContext db, TimeProvider clock, ITenantContext caller, TenantProfileMemo memo, TenantProfileCache cache)
    : IRequestHandler<GetTenantProfile, TenantProfile>
{
    public async Task<TenantProfile> Handle(GetTenantProfile query, CancellationToken cancellationToken)
    {
        if (!memo.TryGet(caller.TenantId, query.TenantId, out var tenant))
        {
            // Row-level security lets a caller read its own company only: the copy answers that caller alone.
            var own = caller.TenantId == query.TenantId;
            if (!own || !cache.TryGet(query.TenantId, out tenant))
            {
                var generation = cache.Generation;
                tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == query.TenantId, cancellationToken)
                    ?? throw new NotFoundException("The tenant");
                if (own) cache.Keep(tenant, generation);
            }

            memo.Remember(caller.TenantId, tenant);
        }

        return tenant.ProfileAt(clock.GetUtcNow());
    }
}
