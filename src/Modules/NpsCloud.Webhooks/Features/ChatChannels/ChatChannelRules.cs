using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>The finders the chat channel slices share.</summary>
internal static class ChatChannelRules
{
    /// <summary>The channel of the current tenant; another tenant's id is not found, like an unknown one.</summary>
    public static async Task<ChatChannel> FindAsync(WebhooksDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.ChatChannels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("The chat channel");

    /// <summary>The channel's newest post, for the view (null before its first).</summary>
    public static Task<ChatPost?> LastPostAsync(WebhooksDbContext db, Guid channelId, CancellationToken cancellationToken) =>
        db.ChatPosts.AsNoTracking().Where(p => p.ChannelId == channelId).OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
}
