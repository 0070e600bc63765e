using MediatR;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>What the dashboard shows a trial: how much of today's send quota is used, and when it resets.</summary>
internal sealed class GetSendingQuotaHandler(SendingHolds holds, IMediator mediator, ITenantContext tenant, IOptions<SendingOptions> options, TimeProvider clock)
    : IRequestHandler<GetSendingQuota, SendingQuota>
{
    public async Task<SendingQuota> Handle(GetSendingQuota query, CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
        var (dayStart, nextDay) = SendingHolds.LocalDay(clock.GetUtcNow(), profile.TimeZone);
        var quota = profile.Plan == Plans.Trial && options.Value.TrialDailyQuota > 0 ? options.Value.TrialDailyQuota : (int?)null;
        return new SendingQuota(quota, quota is null ? 0 : await holds.SentSinceAsync(dayStart, cancellationToken), nextDay);
    }
}
