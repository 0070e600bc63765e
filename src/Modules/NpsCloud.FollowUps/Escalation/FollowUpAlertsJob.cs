using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.FollowUps.Features.Cases;
using Quartz;

namespace NpsCloud.FollowUps.Escalation;

/// <summary>
/// Every 30 seconds, on one host of the cluster: the alerts whose grace period passed without a comment
/// go out (<see cref="SendDueAlerts"/>). Only the tenants with such an alert are visited (one narrow
/// cross-tenant query, <c>followups.tenants_with_due_alerts</c>), so the frequent run costs one indexed
/// read when nothing waits. Safe to run twice: a case is claimed once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class FollowUpAlertsJob(IServiceScopeFactory scopes, AppDataSource dataSource, TimeProvider clock, ILogger<FollowUpAlertsJob> logger) : IJob
{
    public static readonly JobKey Key = new("follow-up-alerts", "follow-ups");
    public static readonly TriggerKey TriggerKey = new("follow-up-alerts-every-30-seconds", "follow-ups");
    public const string Every30Seconds = "0/30 * * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await EveryTenant.RunAsync(scopes, logger, "Sending due follow-up alerts", await TenantsWithDueAlertsAsync(cancellationToken),
            (services, _) => services.GetRequiredService<IMediator>().Send(new SendDueAlerts.Command(), cancellationToken), cancellationToken);

    private async Task<List<Guid>> TenantsWithDueAlertsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id from followups.tenants_with_due_alerts($1)");
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken)) tenants.Add(reader.GetGuid(0));
        return tenants;
    }
}
