using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.FollowUps.Domain;

/// <summary>
/// A person's device that asked to be told of cases assigned to them (migration 0034). The endpoint is a
/// capability (whoever has it can push to the device): it is stored, never logged or answered.
/// </summary>
internal sealed class PushSubscription : ITenantOwned
{
    /// <summary>How many devices a person may register; a new one beyond it replaces their oldest.</summary>
    public const int MaxDevicesPerUser = 10;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid UserId { get; set; }
    public required string Endpoint { get; init; }
    public required string P256dh { get; set; }
    public required string Auth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
