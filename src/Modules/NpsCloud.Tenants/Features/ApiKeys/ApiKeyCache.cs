using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.Tenants.Features.ApiKeys;

/// <summary>
/// The key rows this host looked up to check presented keys, kept for <see cref="Lifetime"/>
/// (<c>Caching:ApiKeys</c>, a minute unless configured; zero keeps nothing). What is kept is the row as the
/// database has it, never "this key is good": the presented key's hash is still compared with it at
/// every request, so a wrong secret is refused as before. A key that does not exist is not kept (random
/// ids must not fill the memory). Every host hears a key's change and its company's change at once
/// (<c>nps_api_keys</c>, <c>nps_tenants</c>, migration 0021) and forgets; the lifetime only bounds a
/// notification the host missed, and the host forgets everything when its listening connection is back.
/// </summary>
internal sealed class ApiKeyCache(TimeSpan lifetime, TimeProvider clock) : HostCopies<Guid, ApiKeyRecord>(lifetime, clock)
{
    /// <summary>The key's row: kept, or looked up with <paramref name="lookUp"/> (and kept when found).</summary>
    public async Task<ApiKeyRecord?> GetAsync(
        Guid keyId, Func<Guid, CancellationToken, Task<ApiKeyRecord?>> lookUp, CancellationToken cancellationToken)
    {
        if (TryGet(keyId, out var kept)) return kept;

        var generation = Generation;
        var row = await lookUp(keyId, cancellationToken);
        if (row is not null) Keep(keyId, row, generation);
        return row;
    }

    /// <summary>The company changed (its API rate limit is kept with each of its keys).</summary>
    public void ForgetTenant(Guid tenantId) => ForgetWhere(row => row.TenantId == tenantId);
}
