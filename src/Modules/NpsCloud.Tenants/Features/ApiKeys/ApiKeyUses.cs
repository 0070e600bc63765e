using System.Collections.Concurrent;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.Tenants.Features.ApiKeys;

/// <summary>
/// When each key was last used on this host and not yet written: checking a key writes nothing, and the
/// host writes the last use of every key it saw in one statement every <c>ApiKeys:LastUsedFlushInterval</c>
/// (30 seconds unless configured) and when it stops (tenants.record_api_key_uses, migration 0021). The
/// stored last use is therefore up to that interval behind; this host's own lists add what it has not
/// written yet.
/// </summary>
internal sealed class ApiKeyUses(AppDataSource dataSource)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    public int PendingCount => _pending.Count;

    public void Record(Guid keyId, DateTimeOffset usedAt) =>
        _pending.AddOrUpdate(keyId, usedAt, (_, earlier) => earlier > usedAt ? earlier : usedAt);

    /// <summary>The later of the stored last use and this host's unwritten one.</summary>
    public DateTimeOffset? LastUsedAt(Guid keyId, DateTimeOffset? stored) =>
        _pending.TryGetValue(keyId, out var pending) && (stored is null || pending > stored) ? pending : stored;

    /// <summary>Writes every unwritten use in one statement; answers how many keys it named. A failed write keeps them for the next.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var uses = _pending.ToArray();
        if (uses.Length == 0) return 0;

        await using (var command = dataSource.DataSource.CreateCommand("select tenants.record_api_key_uses($1, $2)"))
        {
            command.Parameters.AddWithValue(uses.Select(u => u.Key).ToArray());
            command.Parameters.AddWithValue(uses.Select(u => u.Value).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Only what was written: a use recorded meanwhile (a later time) stays for the next write.
        foreach (var use in uses) _pending.TryRemove(use);
        return uses.Length;
    }
}
