namespace NpsCloud.Contracts.Tenants;

/// <summary>
/// A person may no longer work on some or all of what they could (their role or departments changed, or
/// they were deactivated or removed). Their open follow-up cases they could no longer work on go to
/// <paramref name="SuccessorUserId"/> (the company's owner). Written to the outbox with the change.
/// </summary>
/// <param name="Role">The person's role now; null when they were deactivated or removed (they work on nothing).</param>
/// <param name="DepartmentIds">The departments the person has now.</param>
/// <param name="Reason"><c>role_changed</c>, <c>deactivated</c> or <c>removed</c>.</param>
public sealed record UserAccessReduced(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid UserId, string? Role, IReadOnlyList<Guid> DepartmentIds, Guid SuccessorUserId, string Reason)
    : IIntegrationEvent;
