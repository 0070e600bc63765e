using MediatR;

namespace NpsCloud.Contracts;

/// <summary>
/// An event one module publishes for others that must not be lost: it is written to the outbox in the
/// same transaction as the change it reports and delivered after commit, at least once. Handlers must
/// therefore be idempotent; deriving from the building blocks' idempotent handler makes them so.
/// </summary>
public interface IIntegrationEvent : INotification
{
    /// <summary>Unique per event; the key handlers deduplicate redeliveries by.</summary>
    Guid EventId { get; }

    /// <summary>The tenant the event belongs to; handlers run with this tenant's database context.</summary>
    Guid TenantId { get; }

    DateTimeOffset OccurredAt { get; }
}
