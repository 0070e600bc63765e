using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// One message for one chat channel: the exact body, kept the same on every retry, and where its attempts
/// stand (<see cref="DeliveryStatuses"/>: pending, succeeded or failed). Retried on the webhooks'
/// <see cref="RetrySchedule"/>; an answer the channel will never accept (a 4xx other than 408 and 429) fails it at once.
/// </summary>
internal sealed class ChatPost : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid ChannelId { get; init; }

    /// <summary>The outbox event it tells of; a test post has an id of its own.</summary>
    public Guid EventId { get; init; }

    /// <summary><see cref="ChatTopics"/>.</summary>
    public required string Topic { get; init; }

    /// <summary>The JSON body as sent.</summary>
    public required string Payload { get; init; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Claimed by a host until then (its lease).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static ChatPost Queue(ChatChannel channel, Guid eventId, string topic, string payload, DateTimeOffset now) => new()
    {
        TenantId = channel.TenantId,
        Id = Guid.CreateVersion7(now),
        ChannelId = channel.Id,
        EventId = eventId,
        Topic = topic,
        Payload = payload,
        Status = DeliveryStatuses.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
