using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Users;
using NpsCloud.Tenants.Features.SignUp;
using NpsCloud.Tenants.Features.Accounts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>Answers other modules (and the trial check) with the tenant's plan and settings.</summary>
internal sealed class GetTenantProfileHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<GetTenantProfile, TenantProfile>
{
    public async Task<TenantProfile> Handle(GetTenantProfile query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == query.TenantId, cancellationToken)
            ?? throw new NotFoundException("The tenant");
        return tenant.ProfileAt(clock.GetUtcNow());
    }
}
