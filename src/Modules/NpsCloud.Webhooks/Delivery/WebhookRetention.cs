using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Retention;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// The delivery log keeps 30 days: a delivery that is over (succeeded, failed or stopped) is deleted,
/// with its attempts, 30 days after it ended. Pending deliveries are never deleted.
/// </summary>
internal sealed class WebhookRetention(WebhooksDbContext db) : IRetentionRule
{
    public static readonly TimeSpan Log = TimeSpan.FromDays(30);

    public string Name => "webhook deliveries";

    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Deliveries
            .Where(d => d.Status != DeliveryStatuses.Pending && (d.CompletedAt ?? d.CreatedAt) < now - Log)
            .ExecuteDeleteAsync(cancellationToken);
}
