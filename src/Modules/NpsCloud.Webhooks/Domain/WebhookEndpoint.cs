using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// Where a company wants its events sent. The signing secret must be usable for HMAC, so it cannot be
/// hashed: it is stored encrypted with ASP.NET Core data protection (<see cref="WebhookSecrets"/>).
/// </summary>
internal sealed class WebhookEndpoint : ITenantOwned
{
    /// <summary>A company has at most this many endpoints.</summary>
    public const int MaxPerTenant = 20;

    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;

    /// <summary>How long the secret before a rotation still signs every delivery, next to the new one.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose deliveries have failed, with no success, for this long is disabled.</summary>
    public static readonly TimeSpan FailingLimit = TimeSpan.FromDays(5);

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>The event types it is subscribed to (<see cref="WebhookEventTypes"/>).</summary>
    public required string[] EventTypes { get; set; }

    /// <summary>The <c>whsec_…</c> secret, encrypted.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, encrypted; it signs too until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary><see cref="DisabledReasons"/>: the receiver answered 410, or deliveries failed for five days.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The first failed attempt since the last success (null while all is well).</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class DisabledReasons
{
    /// <summary>The receiver answered 410 Gone: it asked for no more.</summary>
    public const string Gone = "gone";

    /// <summary>Every attempt failed for <see cref="WebhookEndpoint.FailingLimit"/>.</summary>
    public const string Failing = "failing";
}

/// <summary>The events an endpoint can subscribe to, as the payload's <c>type</c> names them.</summary>
internal static class WebhookEventTypes
{
    public const string ResponseCreated = "response.created";
    public const string ResponseUpdated = "response.updated";
    public const string ResponseDeleted = "response.deleted";
    public const string FollowUpCreated = "follow_up.created";
    public const string FollowUpStatusChanged = "follow_up.status_changed";
    public const string GoalReviewed = "goal.reviewed";
    public const string ContactUnsubscribed = "contact.unsubscribed";

    public static readonly string[] All = [ResponseCreated, ResponseUpdated, ResponseDeleted, FollowUpCreated, FollowUpStatusChanged, GoalReviewed, ContactUnsubscribed];

    /// <summary>Sent only on request (<c>POST /webhooks/{id}/test</c>), never subscribed to.</summary>
    public const string Test = "webhook.test";
}
