using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Surveys.Features.Surveys;
using Quartz;

namespace NpsCloud.Surveys.Sending;

/// <summary>A survey's trigger fired: start the wave of that scheduled moment (safe to run twice).</summary>
internal sealed class RelationshipWaveJob(IServiceScopeFactory scopes) : IJob
{
    public const string TenantKey = "tenantId";
    public const string SurveyKey = "surveyId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var tenantId = Guid.Parse(context.MergedJobDataMap.GetString(TenantKey)!);
        var surveyId = Guid.Parse(context.MergedJobDataMap.GetString(SurveyKey)!);
        // The scheduled moment, not the moment it ran: a late or repeated firing names the same wave.
        var slot = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        slot = new DateTimeOffset(slot.Ticks - slot.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new StartWave.Command(surveyId, slot), cancellationToken);
    }
}
