using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// Every host sends due invitations and reminders: it claims a batch across tenants (the one narrow
/// path, a security-definer function with FOR UPDATE SKIP LOCKED) under a lease, and sends each under
/// its own tenant. A host that dies leaves its lease to expire; another host then sends what is left.
/// </summary>
internal sealed class InvitationDispatcher(
    IServiceScopeFactory scopes, AppDataSource dataSource, SendingSignal signal, IOptions<SendingOptions> options, TimeProvider clock,
    ILogger<InvitationDispatcher> logger) : PollingWorker(signal, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(Guid TenantId, Guid InvitationId, bool Reminder)>();
        await using (var command = dataSource.DataSource.CreateCommand(
                         "select tenant_id, invitation_id, reminder from surveys.claim_due_invitations($1, $2, $3)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Lease });
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(2)));
        }

        foreach (var (tenantId, invitationId, reminder) in batch)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
                await scope.ServiceProvider.GetRequiredService<InvitationSender>().SendAsync(invitationId, reminder, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lease runs out and the invitation is claimed again; nothing is lost.
                logger.LogError(e, "Sending invitation {InvitationId} failed unexpectedly", invitationId);
            }
        }

        return batch.Count;
    }
}
