using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>The company's touchpoints with their labels, once per scope (<see cref="TouchpointMemo"/>).</summary>
internal sealed class ListTouchpointsHandler(TenantsDbContext db, TouchpointMemo memo) : IRequestHandler<ListTouchpoints, TouchpointLabels>
{
    public async Task<TouchpointLabels> Handle(ListTouchpoints query, CancellationToken cancellationToken) =>
        memo.Labels ??= new TouchpointLabels(await db.Touchpoints.AsNoTracking().OrderBy(t => t.Key)
            .Select(t => new TouchpointLabel(t.Key, t.LabelTr, t.LabelEn)).ToListAsync(cancellationToken));
}
