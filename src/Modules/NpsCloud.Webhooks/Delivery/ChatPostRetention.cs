using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Retention;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>Chat posts keep 30 days, like the webhook delivery log: a post that is over is deleted 30 days after it ended. Pending posts are never deleted.</summary>
internal sealed class ChatPostRetention(WebhooksDbContext db) : IRetentionRule
{
    public string Name => "chat posts";

    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ChatPosts
            .Where(p => p.Status != DeliveryStatuses.Pending && (p.CompletedAt ?? p.CreatedAt) < now - WebhookRetention.Log)
            .ExecuteDeleteAsync(cancellationToken);
}
