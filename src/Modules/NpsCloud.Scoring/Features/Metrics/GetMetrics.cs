using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring.Features.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the NPS of the answers given on the local days [since, until) (the tenant's time
/// zone; default the last 30 days), filtered, optionally as a series by period and in groups. Read from
/// the rollups only, never from the responses.
/// </summary>
internal static class GetMetrics
{
    public static readonly string[] GroupBys = ["department", "survey", "touchpoint", "channel"];

    public sealed record Query(
        DateOnly? Since = null, DateOnly? Until = null, Guid? SurveyId = null, Guid? DepartmentId = null, string? Touchpoint = null,
        string? Channel = null, string? GroupBy = null, string? Interval = null, double? Confidence = null, string? Method = null) : IRequest<MetricsView>;

    public sealed class Handler(ScoringDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Query, MetricsView>
    {
        public async Task<MetricsView> Handle(Query query, CancellationToken cancellationToken)
        {
            var (method, confidence) = MetricsRules.Precision(query.Method, query.Confidence);
            if (query.GroupBy is { Length: > 0 } groupBy && !GroupBys.Contains(groupBy)) throw new RequestValidationException("groupBy", "Use department, survey, touchpoint or channel.");
            if (query.Interval is { Length: > 0 } interval && !RollupReader.Intervals.Contains(interval)) throw new RequestValidationException("interval", "Use day, week, month or quarter.");

            var (since, until) = await RollupReader.WindowAsync(mediator, tenant, clock, query.Since, query.Until, "since", "until", cancellationToken);

            var filter = new RollupReader.Filter(query.SurveyId, query.DepartmentId, query.Touchpoint, query.Channel);
            var buckets = await filter.ReadAsync(db, tenant, since, until, query.Interval, query.GroupBy, cancellationToken);
            // The answers no invitation asked for (link, widget, API, import): beside the response rate, never in it.
            var byChannel = query.GroupBy == "channel" && string.IsNullOrEmpty(query.Interval)
                ? buckets
                : await filter.ReadAsync(db, tenant, since, until, null, "channel", cancellationToken);
            var uninvited = RollupReader.Sum(byChannel.Where(b => b.Group != ResponseChannels.Email)).Sum();

            var series = string.IsNullOrEmpty(query.Interval)
                ? []
                : buckets.GroupBy(b => b.Period!.Value).OrderBy(g => g.Key)
                    .Select(g => Figures.Of<PeriodFigures>(RollupReader.Sum(g), method, confidence) with { PeriodStart = g.Key }).ToList();
            var groups = string.IsNullOrEmpty(query.GroupBy)
                ? []
                : await GroupsAsync(buckets, query.GroupBy, method, confidence, cancellationToken);
            var zone = TimeZoneInfo.FindSystemTimeZoneById((await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone);
            var rate = await mediator.Send(new CountInvitationResponses(RollupReader.StartOf(since, zone), RollupReader.StartOf(until, zone), query.SurveyId), cancellationToken);
            return Figures.Of<MetricsView>(RollupReader.Sum(buckets), method, confidence) with
            {
                Since = since, Until = until, Interval = query.Interval, GroupBy = query.GroupBy, Series = series, Groups = groups,
                ResponseRate = new ResponseRateView(rate.Sent, rate.Responded, rate.Rate, uninvited),
            };
        }

        private async Task<List<GroupFigures>> GroupsAsync(List<RollupReader.Bucket> buckets, string groupBy, IntervalMethod method, double confidence, CancellationToken cancellationToken)
        {
            var names = groupBy switch
            {
                "department" => await DepartmentNamesAsync(buckets, cancellationToken),
                "survey" => (await mediator.Send(new ListSurveyInfos(), cancellationToken)).ToDictionary(s => s.Id.ToString(), s => s.Name),
                _ => [],
            };
            return buckets.GroupBy(b => b.Group ?? "none")
                .Select(g => Figures.Of<GroupFigures>(RollupReader.Sum(g), method, confidence) with { Key = g.Key, Name = names.GetValueOrDefault(g.Key) ?? (groupBy is "department" or "survey" ? null : g.Key) })
                .OrderByDescending(g => g.Responses).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Department names, archived departments included (their history still counts): one request, and one more per archived one.</summary>
        private async Task<Dictionary<string, string>> DepartmentNamesAsync(List<RollupReader.Bucket> buckets, CancellationToken cancellationToken)
        {
            var names = (await mediator.Send(new ListDepartmentInfos(), cancellationToken)).ToDictionary(d => d.Id.ToString(), d => d.Name);
            foreach (var id in buckets.Select(b => b.Group).Distinct())
            {
                if (id is null || names.ContainsKey(id) || !Guid.TryParse(id, out var departmentId)) continue;
                if (await mediator.Send(new FindDepartment(departmentId), cancellationToken) is { } archived) names[id] = archived.Name;
            }

            return names;
        }
    }

    /// <summary>Mapped on the API root, not in a route group: a group would move the operation in the OpenAPI document.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/metrics", ([AsParameters] Query query, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(query, cancellationToken))
            .WithTags("Metrics")
            .WithDepartmentRule(DepartmentAccess.FilteredByDepartment)
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("NPS with its confidence interval over local days [since, until) (default the last 30), filtered; series by interval and groups by groupBy")
            .Produces<MetricsView>()
            .ProducesValidationProblem();
}
