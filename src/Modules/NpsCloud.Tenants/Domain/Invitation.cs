using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Tenants.Domain;

/// <summary>An emailed invitation to join a tenant with a role; the link carries a token whose hash is stored.</summary>
internal sealed class Invitation : ITenantOwned
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public required string Role { get; init; }
    public required Guid[] DepartmentIds { get; init; }
    public required byte[] TokenHash { get; init; }
    public Guid? InvitedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
}
