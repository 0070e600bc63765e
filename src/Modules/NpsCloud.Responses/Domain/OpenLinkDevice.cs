using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Responses.Domain;

/// <summary>
/// A device that answered a survey's open link, as its duplicate guard remembers it for a day: a salted hash
/// of its address and user agent, never the address or user agent themselves (migration 0026).
/// </summary>
internal sealed class OpenLinkDevice : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid SurveyId { get; init; }
    public required byte[] DeviceHash { get; init; }
    public DateTimeOffset AnsweredAt { get; set; }
}
