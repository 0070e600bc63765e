using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Tenants.Domain;

internal sealed class Department : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public Guid? HeadUserId { get; set; }

    /// <summary>The department's own follow-up SLA; null follows the company's.</summary>
    public int? FollowUpSlaHours { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; set; }
}
