using MediatR;

namespace NpsCloud.Contracts.Scoring;

/// <summary>
/// The NPS of the answers given on the local days [Since, Until) (the tenant's time zone), filtered, with
/// its 95% adjusted-Wald interval, and optionally a series by <c>week</c> or <c>month</c>. Answered by the
/// Scoring module from its rollups.
/// </summary>
public sealed record MeasureNps(
    DateOnly Since, DateOnly Until, Guid? DepartmentId = null, Guid? SurveyId = null, string? Touchpoint = null, string? Interval = null)
    : IRequest<NpsMeasurement>;

public sealed record NpsMeasurement(NpsFigure Total, IReadOnlyList<NpsPeriod> Series);

/// <summary>An observed NPS (null without answers) and its interval.</summary>
public sealed record NpsFigure(double? Nps, long Responses, long Promoters, long Passives, long Detractors, double? Low, double? High);

public sealed record NpsPeriod(DateOnly PeriodStart, NpsFigure Figure);
