using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Scoring.Domain;

/// <summary>
/// An answer event that was still in the outbox when a rebuild counted its answer: its rollup handler
/// skips it, so the answer is not counted twice (migration 0019).
/// </summary>
internal sealed class EventCountedByRebuild : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid EventId { get; init; }
}
