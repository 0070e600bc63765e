using System.Collections.Concurrent;
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
internal sealed class TenantProfileCache(TimeSpan lifetime, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Taken to change what is kept, so a read that began before a change cannot keep what it read after the change was heard.</summary>
    private readonly Lock _writes = new();

    /// <summary>Moves on with every change heard; a read keeps its row only if none was heard meanwhile.</summary>
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    public bool TryGet(Guid tenantId, out Tenant tenant)
    {
        if (_entries.TryGetValue(tenantId, out var kept) && kept.Until > clock.GetUtcNow())
        {
            tenant = kept.Row;
            return true;
        }

        tenant = null!;
        return false;
    }

    /// <summary>Taken before reading the row; <see cref="Keep"/> keeps it only if nothing changed meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Keep(Tenant tenant, long generationBeforeRead)
    {
        if (lifetime <= TimeSpan.Zero) return;
        lock (_writes)
        {
            if (_generation == generationBeforeRead) _entries[tenant.TenantId] = new Entry(tenant, clock.GetUtcNow() + lifetime);
        }
    }

    public void Forget(Guid tenantId)
    {
        lock (_writes)
        {
            _generation++;
            _entries.TryRemove(tenantId, out _);
        }
    }

    /// <summary>Changes may have been missed (the listening connection was down).</summary>
    public void Clear()
    {
        lock (_writes)
        {
            _generation++;
            _entries.Clear();
        }
    }

    private sealed record Entry(Tenant Row, DateTimeOffset Until);
}
