using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>The company's own sender address and the TXT record that proves its domain; null without one.</summary>
internal static class GetSenderDomain
{
    public sealed record Query : IRequest<SenderDomainView?>;

    public sealed class Handler(TenantsDbContext db, ITenantContext tenant) : IRequestHandler<Query, SenderDomainView?>
    {
        public async Task<SenderDomainView?> Handle(Query query, CancellationToken cancellationToken) =>
            SenderDomainView.From(await db.Tenants.AsNoTracking().FirstAsync(t => t.TenantId == tenant.RequiredTenantId, cancellationToken));
    }
}
