namespace NpsCloud.Contracts.FollowUps;

/// <summary>The follow-up case statuses, as the API and the events name them.</summary>
public static class FollowUpStatuses
{
    public const string Open = "open";

    /// <summary>Nobody contacted the person by the due time: the owners and admins were told.</summary>
    public const string Escalated = "escalated";

    public const string Contacted = "contacted";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    public static readonly string[] All = [Open, Escalated, Contacted, Resolved, Closed];
}

/// <summary>
/// An answer opened a follow-up case (through the outbox, in the transaction that opened it), so a
/// webhook or another module can act on it. <paramref name="Kind"/> is <c>close_the_loop</c>,
/// <c>ask_for_feedback</c> or <c>promoter</c>.
/// </summary>
public sealed record FollowUpCreated(
    Guid EventId,
    Guid TenantId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid ResponseId,
    Guid SurveyId,
    Guid? ContactId,
    Guid? DepartmentId,
    string Kind,
    int Score,
    Guid? AssigneeUserId,
    DateTimeOffset DueAt) : IIntegrationEvent;

/// <summary>
/// A case changed status: <paramref name="Status"/> is the new one (<see cref="FollowUpStatuses"/>), and
/// <paramref name="ActorUserId"/> is null when the system (the escalation job) or an API key changed it.
/// </summary>
public sealed record FollowUpStatusChanged(
    Guid EventId,
    Guid TenantId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid ResponseId,
    Guid? DepartmentId,
    string PreviousStatus,
    string Status,
    string? Outcome,
    Guid? ActorUserId) : IIntegrationEvent;

/// <summary>A case got a new assignee (who is alerted by email).</summary>
public sealed record FollowUpAssigned(
    Guid EventId,
    Guid TenantId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid? PreviousAssigneeUserId,
    Guid AssigneeUserId,
    Guid? ActorUserId) : IIntegrationEvent;

/// <summary>
/// A case's alert goes now: the person's comment arrived, or the grace period after the score passed
/// without one, or the answer came with its comment (API, import). <paramref name="IsUpdate"/> marks the
/// one follow-up alert sent when the comment arrives after the first alert already went; a case has at
/// most one alert and one update. Email, chat and other channels that tell people about a new case
/// listen to this, not to <see cref="FollowUpCreated"/>, so what they say carries the comment.
/// </summary>
public sealed record FollowUpAlertDue(
    Guid EventId,
    Guid TenantId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid ResponseId,
    Guid? DepartmentId,
    string Kind,
    int Score,
    Guid? AssigneeUserId,
    DateTimeOffset DueAt,
    bool IsUpdate) : IIntegrationEvent;
