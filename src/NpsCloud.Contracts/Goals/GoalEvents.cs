namespace NpsCloud.Contracts.Goals;

/// <summary>
/// A goal was reviewed (on the tenant's schedule, at the end of its period, or on request): its status
/// then, the one at its previous review (null for the first) and the NPS measured. Webhook-ready.
/// </summary>
/// <param name="Kind"><c>scheduled</c>, <c>final</c> or <c>manual</c>.</param>
public sealed record GoalReviewed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid GoalId, Guid DepartmentId, Guid ReviewId, string Kind,
    string Status, string? PreviousStatus, decimal? Nps, long Responses, decimal TargetNps) : IIntegrationEvent;
