using System.Collections.Concurrent;

namespace NpsCloud.BuildingBlocks.Hosting;

/// <summary>
/// Rows this host read, kept for <see cref="Lifetime"/> (zero keeps nothing) and forgotten when it hears
/// they changed. A read takes <see cref="Generation"/> before it goes to the database and keeps its row
/// only if no change was heard meanwhile, so a row read just before a change can never be kept after it.
/// </summary>
public class HostCopies<TKey, TRow>(TimeSpan lifetime, TimeProvider clock) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>Taken to change what is kept, so the generation check and the write are one step.</summary>
    private readonly Lock _writes = new();

    /// <summary>Moves on with every change heard.</summary>
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    public int Count => _entries.Count;

    /// <summary>Taken before reading a row; <see cref="Keep"/> keeps it only if nothing changed meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(TKey key, out TRow row)
    {
        if (_entries.TryGetValue(key, out var kept) && kept.Until > clock.GetUtcNow())
        {
            row = kept.Row;
            return true;
        }

        row = default!;
        return false;
    }

    public void Keep(TKey key, TRow row, long generationBeforeRead)
    {
        if (lifetime <= TimeSpan.Zero) return;
        lock (_writes)
        {
            if (_generation == generationBeforeRead) _entries[key] = new Entry(row, clock.GetUtcNow() + lifetime);
        }
    }

    public void Forget(TKey key)
    {
        lock (_writes)
        {
            _generation++;
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets every kept row <paramref name="stale"/> picks.</summary>
    public void ForgetWhere(Func<TRow, bool> stale)
    {
        lock (_writes)
        {
            _generation++;
            foreach (var entry in _entries.Where(e => stale(e.Value.Row))) _entries.TryRemove(entry.Key, out _);
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

    private sealed record Entry(TRow Row, DateTimeOffset Until);
}
