using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>
/// The tenant rows this host read for <c>GetTenantProfile</c>, kept for <see cref="Lifetime"/>
/// (<c>Caching:TenantProfiles</c>, a minute unless configured; zero keeps nothing), so requests and event
/// handlers stop reading the company at every use. Every host hears a change of the row at once
/// (<c>nps_tenants</c>, migration 0021) and forgets it; the lifetime only bounds a notification the host
/// missed, and the host forgets everything when its listening connection is back. The plan is still
/// worked out from the clock at every answer. Only ever answered to a caller of the same tenant (what
/// row-level security would let it read); the rows are never handed out, so nobody changes them.
/// </summary>
internal sealed class TenantProfileCache(TimeSpan lifetime, TimeProvider clock) : HostCopies<Guid, Tenant>(lifetime, clock)
{
    public void Keep(Tenant tenant, long generationBeforeRead) => Keep(tenant.TenantId, tenant, generationBeforeRead);
}
