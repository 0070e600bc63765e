using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring.Features.Metrics;

/// <summary>The figures of one set of answers: the NPS, its parts and how sure it is.</summary>
internal record Figures
{
    /// <summary>Below this many answers a figure is flagged <c>lowSample</c>.</summary>
    public const int LowSampleSize = 30;

    public double? Nps { get; init; }
    public long Responses { get; init; }
    public long Promoters { get; init; }
    public long Passives { get; init; }
    public long Detractors { get; init; }
    public double? PromoterPercent { get; init; }
    public double? PassivePercent { get; init; }
    public double? DetractorPercent { get; init; }
    public IReadOnlyList<long> Distribution { get; init; } = [];
    public double? MarginOfError { get; init; }
    public Range? Ci { get; init; }
    public string Method { get; init; } = "";
    public double Confidence { get; init; }
    public bool LowSample { get; init; }

    /// <summary>The confidence interval.</summary>
    public sealed record Range(double Low, double High);

    public static T Of<T>(long[] distribution, IntervalMethod method, double confidence) where T : Figures, new()
    {
        var counts = CategoryCounts.FromDistribution(distribution);
        var estimate = NpsStatistics.Estimate(counts, method, confidence);
        return new T
        {
            Nps = estimate.Nps,
            Responses = counts.Total,
            Promoters = counts.Promoters,
            Passives = counts.Passives,
            Detractors = counts.Detractors,
            PromoterPercent = estimate.PromoterPercent,
            PassivePercent = estimate.PassivePercent,
            DetractorPercent = estimate.DetractorPercent,
            Distribution = distribution,
            MarginOfError = estimate.MarginOfError,
            Ci = estimate.Low is { } low && estimate.High is { } high ? new Range(low, high) : null,
            Method = MetricsRules.MethodName(method),
            Confidence = confidence,
            LowSample = counts.Total < LowSampleSize,
        };
    }
}

internal sealed record PeriodFigures : Figures
{
    public DateOnly PeriodStart { get; init; }
}

internal sealed record GroupFigures : Figures
{
    /// <summary>The department, survey id, touchpoint or channel; <c>none</c> for answers without one.</summary>
    public string Key { get; init; } = "";

    public string? Name { get; init; }
}

internal sealed record MetricsView : Figures
{
    public DateOnly Since { get; init; }
    public DateOnly Until { get; init; }
    public string? Interval { get; init; }
    public string? GroupBy { get; init; }
    public IReadOnlyList<PeriodFigures> Series { get; init; } = [];
    public IReadOnlyList<GroupFigures> Groups { get; init; } = [];

    /// <summary>Of the invitations sent in the window (of the survey, when filtered by one), how many were answered.</summary>
    public ResponseRateView ResponseRate { get; init; } = new(0, 0, null);
}

/// <summary>
/// The response rate counts invitation answers only: of the <paramref name="Sent"/> invitations emailed in
/// the window, <paramref name="Responded"/> were answered. Answers nobody was invited to give (an open
/// link, the widget, the API, an import) have no invitation to be counted against: they are
/// <paramref name="OtherAnswers"/>, in the window and filters of the figures, never in the rate.
/// </summary>
internal sealed record ResponseRateView(int Sent, int Responded, double? Percent, long OtherAnswers = 0);
