using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>One survey sent (or deliberately not sent) to one contact: by a wave or by a request.</summary>
internal sealed class Invitation : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid SurveyId { get; init; }
    public Guid ContactId { get; init; }
    public Guid? WaveId { get; init; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public required string Locale { get; init; }
    public string Properties { get; set; } = "{}";
    /// <summary>SHA-256 of the link token, set at the first send (the token itself is derived, never stored).</summary>
    public byte[]? TokenHash { get; set; }
    public DateTimeOffset ScheduledAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ReminderDueAt { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    /// <summary>When the person first followed the promoters' next step from the thank-you page.</summary>
    public DateTimeOffset? PromoterStepClickedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal static class InvitationStatuses
{
    public const string Scheduled = "scheduled";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Bounced = "bounced";
    public const string Cancelled = "cancelled";

    /// <summary>Not sent: the contact was surveyed within the tenant's throttle window.</summary>
    public const string Throttled = "throttled";

    /// <summary>Not sent: the contact unsubscribed, bounced or was erased.</summary>
    public const string Suppressed = "suppressed";
}

internal sealed class Wave : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid SurveyId { get; init; }
    public DateTimeOffset Slot { get; init; }
    public int Invited { get; set; }
    public int Throttled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
