using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>
/// The tenant rows <c>GetTenantProfile</c> read in this DI scope (a request, a job's unit of work): the
/// profile is asked for from about 28 places, 5 times for one detractor's answer, and read from the
/// database once. The plan is still worked out from the clock at every answer (a trial ends by the clock).
/// Tenants' own writes that change the profile (settings, activation) forget it, so the scope that made a
/// change sees it, and so do the host's copies (<see cref="TenantProfileCache"/>, and the company's API rate
/// limit kept with its keys in <see cref="ApiKeyCache"/>) before the change's notification comes back. Keyed
/// by the caller's tenant as well, so a scope that switches tenants never gets an answer its new tenant
/// could not read.
/// </summary>
internal sealed class TenantProfileMemo(TenantProfileCache profiles, ApiKeyCache keys)
{
    private readonly Dictionary<(Guid? Caller, Guid Tenant), Tenant> _read = [];

    public bool TryGet(Guid? caller, Guid tenantId, out Tenant tenant) => _read.TryGetValue((caller, tenantId), out tenant!);

    public void Remember(Guid? caller, Tenant tenant) => _read[(caller, tenant.TenantId)] = tenant;

    /// <summary>After a write that changes the company's profile.</summary>
    public void Forget(Guid tenantId)
    {
        foreach (var key in _read.Keys.Where(k => k.Tenant == tenantId).ToList()) _read.Remove(key);
        profiles.Forget(tenantId);
        keys.ForgetTenant(tenantId);
    }
}
