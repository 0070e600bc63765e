using MediatR;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Demo;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.ForOtherModules;

/// <summary>Answers the other modules' seeders, which add their demo data to the same company.</summary>
internal sealed class FindDemoTenantHandler(CrossTenantLookup lookup) : IRequestHandler<FindDemoTenant, Guid?>
{
    public async Task<Guid?> Handle(FindDemoTenant query, CancellationToken cancellationToken) =>
        (await lookup.UserByEmailAsync(TenantsDemoSeeder.OwnerEmail.ToUpperInvariant(), cancellationToken))?.TenantId;
}
