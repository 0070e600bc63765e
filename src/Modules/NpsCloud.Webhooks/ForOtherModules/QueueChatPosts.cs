using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.ChatChannels;

namespace NpsCloud.Webhooks.ForOtherModules;

/// <summary>
/// Turns an integration event into one post per chat channel it concerns: every company channel, and the
/// channels of the event's department (a department channel never gets another department's posts, nor
/// one that belongs to no department). The facts are gathered once; each post is worded in its channel's
/// language and rendered in its channel's format. The inbox row is written in the same transaction, so an
/// event delivered twice queues nothing the second time.
/// </summary>
internal abstract class QueueChatPosts<TEvent>(WebhooksDbContext db, ChatSignal signal, TimeProvider clock)
    : IdempotentEventHandler<TEvent, WebhooksDbContext>(db, clock)
    where TEvent : IIntegrationEvent
{
    /// <summary>What the post tells of (<see cref="ChatTopics"/>), or null when this event posts nothing.</summary>
    protected abstract string? TopicOf(TEvent integrationEvent);

    protected abstract Guid? DepartmentOf(TEvent integrationEvent);

    /// <summary>Gathers what the post says and answers how to word it (called in each channel's language).</summary>
    protected abstract Task<Func<ChatMessage>> PrepareAsync(TEvent integrationEvent, CancellationToken cancellationToken);

    protected override async Task HandleOnceAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (TopicOf(integrationEvent) is not { } topic) return;
        var department = DepartmentOf(integrationEvent);
        var channels = await Db.ChatChannels.AsNoTracking()
            .Where(c => c.DepartmentId == null || (department != null && c.DepartmentId == department))
            .ToListAsync(cancellationToken);
        if (channels.Count == 0) return;

        var word = await PrepareAsync(integrationEvent, cancellationToken);
        var now = Clock.GetUtcNow();
        foreach (var channel in channels)
        {
            string payload;
            using (CultureScope.Use(channel.Language)) payload = word().Render(channel.Kind);
            Db.ChatPosts.Add(ChatPost.Queue(channel, integrationEvent.EventId, topic, payload, now));
        }

        // Wakes this host's dispatcher; if it looks before the commit, it finds the posts at its next poll.
        signal.Notify();
    }
}
