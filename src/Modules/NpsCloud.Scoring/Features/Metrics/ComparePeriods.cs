using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring.Features.Metrics;

/// <summary>Period b against period a: the difference, its interval and whether it is more than chance (two-sample Wald).</summary>
internal sealed record ComparisonView(Figures A, Figures B, double? Delta, double? Se, Figures.Range? Ci, double? PValue, bool Significant);

/// <summary>
/// <c>GET /metrics/compare</c>: did the score change between two windows of local days? Each window is
/// [since, until); a defaults to the 30 days before b, b to the last 30 days.
/// </summary>
internal static class ComparePeriods
{
    public sealed record Query(
        DateOnly? ASince = null, DateOnly? AUntil = null, DateOnly? BSince = null, DateOnly? BUntil = null, Guid? SurveyId = null, Guid? DepartmentId = null,
        string? Touchpoint = null, string? Channel = null, double? Confidence = null, string? Method = null) : IRequest<ComparisonView>;

    public sealed class Handler(ScoringDbContext db, IMediator mediator, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Query, ComparisonView>
    {
        public async Task<ComparisonView> Handle(Query query, CancellationToken cancellationToken)
        {
            var (method, confidence) = MetricsRules.Precision(query.Method, query.Confidence);
            var b = await RollupReader.WindowAsync(mediator, tenant, clock, query.BSince, query.BUntil, "bSince", "bUntil", cancellationToken);
            var a = await RollupReader.WindowAsync(mediator, tenant, clock, query.ASince, query.AUntil ?? (query.ASince is null ? b.Since : null),
                "aSince", "aUntil", cancellationToken);
            var filter = new RollupReader.Filter(query.SurveyId, query.DepartmentId, query.Touchpoint, query.Channel);
            var countsA = RollupReader.Sum(await filter.ReadAsync(db, tenant, a.Since, a.Until, null, null, cancellationToken));
            var countsB = RollupReader.Sum(await filter.ReadAsync(db, tenant, b.Since, b.Until, null, null, cancellationToken));

            var comparison = NpsStatistics.Compare(CategoryCounts.FromDistribution(countsA), CategoryCounts.FromDistribution(countsB), method, confidence);
            return new ComparisonView(
                Figures.Of<Figures>(countsA, method, confidence),
                Figures.Of<Figures>(countsB, method, confidence),
                comparison.Delta,
                comparison.StandardError is { } se ? Math.Round(se, 2) : null,
                comparison.Low is { } low && comparison.High is { } high ? new Figures.Range(low, high) : null,
                comparison.PValue,
                comparison.Significant);
        }
    }

    /// <summary>Mapped on the API root, not in a route group: a group would move the operation in the OpenAPI document.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/metrics/compare", ([AsParameters] Query query, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(query, cancellationToken))
            .WithTags("Metrics")
            .WithDepartmentRule(DepartmentAccess.FilteredByDepartment)
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Period b against period a (aSince, aUntil, bSince, bUntil; same filters): delta, its interval, p-value and significance")
            .Produces<ComparisonView>()
            .ProducesValidationProblem();
}
