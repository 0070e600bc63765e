using MediatR;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Scoring;
using NpsCloud.Scoring.Domain;
using NpsCloud.Scoring.Features.Metrics;

namespace NpsCloud.Scoring.ForOtherModules;

/// <summary>The NPS other modules need (goal progress and reviews), from the same rollups and statistics as <c>GET /metrics</c>.</summary>
internal sealed class MeasureNpsHandler(ScoringDbContext db, ITenantContext tenant) : IRequestHandler<MeasureNps, NpsMeasurement>
{
    public async Task<NpsMeasurement> Handle(MeasureNps query, CancellationToken cancellationToken)
    {
        if (query.Interval is not (null or "week" or "month")) throw new ArgumentException("Measure by week or month.", nameof(query));
        var buckets = await new RollupReader.Filter(query.SurveyId, query.DepartmentId, query.Touchpoint, null)
            .ReadAsync(db, tenant, query.Since, query.Until, query.Interval, null, cancellationToken);
        var series = query.Interval is null
            ? []
            : buckets.GroupBy(b => b.Period!.Value).OrderBy(g => g.Key).Select(g => new NpsPeriod(g.Key, Figure(RollupReader.Sum(g)))).ToList();
        return new NpsMeasurement(Figure(RollupReader.Sum(buckets)), series);
    }

    private static NpsFigure Figure(long[] distribution)
    {
        var counts = CategoryCounts.FromDistribution(distribution);
        var estimate = NpsStatistics.Estimate(counts);
        return new NpsFigure(estimate.Nps, counts.Total, counts.Promoters, counts.Passives, counts.Detractors, estimate.Low, estimate.High);
    }
}
