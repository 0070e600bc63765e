using System.Collections.Concurrent;
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
internal sealed class ApiKeyCache(TimeSpan lifetime, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>Taken to change what is kept, so a look-up that began before a change cannot keep what it read after the change was heard.</summary>
    private readonly Lock _writes = new();

    /// <summary>Moves on with every change heard; a look-up keeps its row only if none was heard while it read.</summary>
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    public int Count => _entries.Count;

    /// <summary>The key's row: kept, or looked up with <paramref name="lookUp"/> (and kept when found).</summary>
    public async Task<ApiKeyRecord?> GetAsync(
        Guid keyId, Func<Guid, CancellationToken, Task<ApiKeyRecord?>> lookUp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(keyId, out var kept) && kept.Until > now) return kept.Row;

        var generation = Interlocked.Read(ref _generation);
        var row = await lookUp(keyId, cancellationToken);
        if (row is not null && lifetime > TimeSpan.Zero)
        {
            lock (_writes)
            {
                if (Interlocked.Read(ref _generation) == generation) _entries[keyId] = new Entry(row, now + lifetime);
            }
        }

        return row;
    }

    /// <summary>The key changed (revoked, scopes or departments, deleted).</summary>
    public void Forget(Guid keyId)
    {
        lock (_writes)
        {
            _generation++;
            _entries.TryRemove(keyId, out _);
        }
    }

    /// <summary>The company changed (its API rate limit is kept with each of its keys).</summary>
    public void ForgetTenant(Guid tenantId)
    {
        lock (_writes)
        {
            _generation++;
            foreach (var entry in _entries.Where(e => e.Value.Row.TenantId == tenantId)) _entries.TryRemove(entry.Key, out _);
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

    private sealed record Entry(ApiKeyRecord Row, DateTimeOffset Until);
}
