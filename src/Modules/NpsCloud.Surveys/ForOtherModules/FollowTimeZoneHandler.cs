using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>Waves are set in the company's wall-clock time: when its time zone changes, every schedule follows.</summary>
internal sealed class FollowTimeZoneHandler(SurveysDbContext db, IMediator mediator, ITenantContext tenant, WaveTriggers triggers, TimeProvider clock)
    : IdempotentEventHandler<TenantTimeZoneChanged, SurveysDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(TenantTimeZoneChanged changed, CancellationToken cancellationToken)
    {
        var scheduled = await Db.Surveys.AsNoTracking()
            .Where(s => s.Kind == SurveyKinds.Relationship && s.Status == SurveyStatuses.Active)
            .ToListAsync(cancellationToken);
        foreach (var survey in scheduled)
        {
            await SurveyRules.ApplyTriggerAsync(Db, mediator, tenant, triggers, survey, Clock, cancellationToken);
        }
    }
}
