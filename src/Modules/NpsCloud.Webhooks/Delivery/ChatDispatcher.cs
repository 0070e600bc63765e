using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Webhooks.Features.ChatChannels;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// Every host sends due chat posts the way <see cref="WebhookDispatcher"/> sends webhooks: it claims a
/// batch across tenants through the one narrow path (<c>webhooks.claim_due_chat_posts</c>, FOR UPDATE
/// SKIP LOCKED, with a lease), then sends the batch in parallel, each under its own tenant. The webhooks'
/// settings (poll interval, batch size, lease, timeout, retry delays) apply.
/// </summary>
internal sealed class ChatDispatcher(
    IServiceScopeFactory scopes, AppDataSource dataSource, ChatSignal signal, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<ChatDispatcher> logger) : PollingWorker(signal, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(Guid TenantId, Guid PostId)>();
        await using (var command = dataSource.DataSource.CreateCommand("select tenant_id, post_id from webhooks.claim_due_chat_posts($1, $2, $3)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Lease });
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        await Task.WhenAll(batch.Select(claimed => SendAsync(claimed.TenantId, claimed.PostId, cancellationToken)));
        return batch.Count;
    }

    private async Task SendAsync(Guid tenantId, Guid postId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await scope.ServiceProvider.GetRequiredService<ChatSender>().SendAsync(postId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease runs out and the post is claimed again; nothing is lost.
            logger.LogError(e, "Sending chat post {PostId} failed unexpectedly", postId);
        }
    }
}
