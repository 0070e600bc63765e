using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Tenants.Domain;

/// <summary>One of the company's touchpoints: the key data carries, and what the pages call it in each language.</summary>
internal sealed class Touchpoint : ITenantOwned
{
    public Guid TenantId { get; init; }
    public required string Key { get; init; }
    public required string LabelTr { get; set; }
    public required string LabelEn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
