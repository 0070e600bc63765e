using MediatR;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.ForOtherModules;

internal sealed class ListTenantIdsHandler(CrossTenantLookup lookup) : IRequestHandler<ListTenantIds, IReadOnlyList<Guid>>
{
    public Task<IReadOnlyList<Guid>> Handle(ListTenantIds request, CancellationToken cancellationToken) => lookup.TenantIdsAsync(cancellationToken);
}
