using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// At most <c>Imports:MaxConcurrentPerCompany</c> (2) imports of one company at a time (contacts and
/// responses together), so one company's uploads cannot take every connection and core of a host. Counted
/// in each host's memory, like the rate limits: with N hosts a company may run N times as many.
/// </summary>
public sealed class ImportSlots(IConfiguration configuration)
{
    /// <summary>What a refused import is told to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    private readonly ConcurrentDictionary<Guid, int> _running = new();

    public int MaxPerCompany { get; } = Math.Max(1, configuration.GetValue("Imports:MaxConcurrentPerCompany", 2));

    /// <summary>How many imports the company is running on this host now.</summary>
    public int Running(Guid tenantId) => _running.GetValueOrDefault(tenantId);

    /// <summary>Takes a slot for the current company's import, or refuses with a 429 (<c>Retry-After</c>); dispose the answer when the import ends.</summary>
    public IDisposable Enter(ITenantContext tenant, string refusal)
    {
        var tenantId = tenant.RequiredTenantId;
        while (true)
        {
            var running = _running.GetOrAdd(tenantId, 0);
            if (running >= MaxPerCompany) throw new RateLimitedException(refusal, RetryAfterSeconds);
            if (_running.TryUpdate(tenantId, running + 1, running)) return new Slot(this, tenantId);
        }
    }

    private void Leave(Guid tenantId) => _running.AddOrUpdate(tenantId, 0, (_, running) => Math.Max(0, running - 1));

    private sealed class Slot(ImportSlots slots, Guid tenantId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) slots.Leave(tenantId);
        }
    }
}
