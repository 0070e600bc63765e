using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// One event for one endpoint: the exact body and its <c>webhook-id</c>, kept the same on every retry, and
/// where its attempts stand. A redelivery is a new delivery with the same body and id.
/// </summary>
internal sealed class WebhookDelivery : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid EndpointId { get; init; }

    /// <summary>The <c>webhook-id</c> header: <c>msg_</c> and 32 hex digits, one per event and endpoint.</summary>
    public required string MessageId { get; init; }

    /// <summary>The outbox event it reports.</summary>
    public Guid EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The JSON body as sent, byte for byte (text, not jsonb, which would reorder it).</summary>
    public required string Payload { get; init; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Claimed by a host until then (its lease); another host may take it over afterwards.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static string NewMessageId() => $"msg_{Guid.CreateVersion7():N}";
}

internal static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";

    /// <summary>Every attempt of the schedule failed.</summary>
    public const string Failed = "failed";

    /// <summary>Stopped because its endpoint was disabled.</summary>
    public const string Disabled = "disabled";
}

/// <summary>One POST of a delivery and what came back.</summary>
internal sealed class DeliveryAttempt : ITenantOwned
{
    /// <summary>How much of the receiver's answer is kept.</summary>
    public const int MaxResponseBodyBytes = 1024;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid DeliveryId { get; init; }
    public int Number { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    public string? Error { get; init; }
    public string? ResponseBody { get; init; }

    /// <summary>When the next attempt is due (null: none, it succeeded or was given up).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
}
