using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.Webhooks.Features.ChatChannels;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>Every host sends due chat posts (<c>webhooks.claim_due_chat_posts</c>) the way webhooks go (see <see cref="LeasedSendDispatcher"/>).</summary>
internal sealed class ChatDispatcher(
    IServiceScopeFactory scopes, AppDataSource dataSource, ChatSignal signal, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<ChatDispatcher> logger) : LeasedSendDispatcher(scopes, dataSource, signal, options, clock, logger)
{
    protected override string ClaimSql => "select tenant_id, post_id from webhooks.claim_due_chat_posts($1, $2, $3)";

    protected override string What => "chat post";

    protected override Task SendOneAsync(IServiceProvider services, Guid id, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChatSender>().SendAsync(id, cancellationToken);
}
