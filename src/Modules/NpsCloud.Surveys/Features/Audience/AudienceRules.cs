using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Audience;

/// <summary>
/// A relationship survey's audience before sending.
/// </summary>
/// <param name="Mode"><c>members</c>, <c>all</c> or <c>segment</c> (see docs/api.md, "Audiences and segments").</param>
/// <param name="Members">Contacts added explicitly (typed, picked or uploaded).</param>
/// <param name="Total">Everyone the audience holds now (members and the mode's contacts, once each; erased contacts never).</param>
/// <param name="WillBeAsked">Of those, how many the next wave would invite.</param>
/// <param name="Throttled">Held back: surveyed within the company's throttle window before <paramref name="CountedFor"/>.</param>
/// <param name="Unsubscribed">Held back: unsubscribed.</param>
/// <param name="Bounced">Held back: their address bounced.</param>
/// <param name="CountedFor">The moment the throttle window is counted back from: the next wave, or now when none is scheduled.</param>
internal sealed record AudienceView(
    Guid SurveyId, string Mode, Guid? SegmentId, string? SegmentName, int Members, int Total, int WillBeAsked, int Throttled, int Unsubscribed, int Bounced,
    int ThrottleDays, DateTimeOffset? NextWaveAt, DateTimeOffset CountedFor);

internal static class AudienceRules
{
    private sealed record Counts(int Total, int WillBeAsked, int Throttled, int Unsubscribed, int Bounced);

    public static async Task<AudienceView> ViewAsync(
        SurveysDbContext db, IMediator mediator, ITenantContext tenant, IWaveTriggers triggers, TimeProvider clock, Survey survey, CancellationToken cancellationToken)
    {
        var throttleDays = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).ThrottleDays;
        var now = clock.GetUtcNow();
        var next = survey.Status == SurveyStatuses.Active ? await triggers.NextWaveAsync(survey.TenantId, survey.Id, cancellationToken) : null;
        var at = next is { } wave && wave > now ? wave : now;
        // The same audience and the same held-back rules as the wave (StartWave).
        // Constant text only (the shared audience and segment conditions); every value is a parameter.
        var sql = $"""
            with audience as (
                {Audiences.CandidatesSql}
            ),
            people as (
                select c.unsubscribed_at is not null as unsubscribed,
                       c.unsubscribed_at is null and c.bounced_at is not null as bounced,
                       coalesce(c.last_surveyed_at > @at - make_interval(days => @throttle), false) as throttled
                  from audience a
                  join surveys.contacts c on c.id = a.contact_id
                 where c.erased_at is null
            )
            select count(*)::int as total,
                   (count(*) filter (where not unsubscribed and not bounced and not throttled))::int as will_be_asked,
                   (count(*) filter (where not unsubscribed and not bounced and throttled))::int as throttled,
                   (count(*) filter (where unsubscribed))::int as unsubscribed,
                   (count(*) filter (where bounced))::int as bounced
              from people
            """;
        var counts = await db.Database.SqlQueryRaw<Counts>(sql,
            new NpgsqlParameter("survey", survey.Id), new NpgsqlParameter("at", at.ToUniversalTime()), new NpgsqlParameter("throttle", throttleDays)).SingleAsync(cancellationToken);
        var members = await db.Members.CountAsync(m => m.SurveyId == survey.Id, cancellationToken);
        var segmentName = survey.SegmentId is { } segment ? await db.Segments.Where(g => g.Id == segment).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return new AudienceView(
            survey.Id, survey.Audience, survey.SegmentId, segmentName, members, counts.Total, counts.WillBeAsked, counts.Throttled, counts.Unsubscribed, counts.Bounced,
            throttleDays, next, at);
    }
}
