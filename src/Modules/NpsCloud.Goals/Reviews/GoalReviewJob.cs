using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Features.Goals;
using Quartz;

namespace NpsCloud.Goals.Reviews;

/// <summary>A review trigger fired: the tenant's scheduled review, or one goal's final review (safe to run twice).</summary>
internal sealed class GoalReviewJob(IServiceScopeFactory scopes) : IJob
{
    public const string TenantKey = "tenantId";
    public const string GoalKey = "goalId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var tenantId = Guid.Parse(context.MergedJobDataMap.GetString(TenantKey)!);
        var goalId = context.MergedJobDataMap.GetString(GoalKey) is { } goal ? Guid.Parse(goal) : (Guid?)null;
        // The scheduled moment, not the moment it ran: a late or repeated firing names the same slot.
        var slot = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        slot = new DateTimeOffset(slot.Ticks - slot.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new ReviewGoals.Command(slot, goalId is null ? ReviewKinds.Scheduled : ReviewKinds.Final, goalId), cancellationToken);
    }
}
