using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary>The finders the webhook slices share.</summary>
internal static class WebhookRules
{
    /// <summary>The endpoint of the current tenant; another tenant's id is not found, like an unknown one.</summary>
    public static async Task<WebhookEndpoint> FindAsync(WebhooksDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Endpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("The webhook");
}
