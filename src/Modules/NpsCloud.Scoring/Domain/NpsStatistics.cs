namespace NpsCloud.Scoring.Domain;

/// <summary>How the interval around an NPS is computed (docs/scoring.md).</summary>
internal enum IntervalMethod
{
    /// <summary>The textbook interval on the observed proportions: too narrow for small samples and extreme scores.</summary>
    Wald,

    /// <summary>
    /// Adds 0.75 to promoters and detractors and 1.5 to passives (n + 3) before the Wald interval (Rocks 2016,
    /// MeasuringU): better coverage for small samples; the interval is centred on the adjusted estimate.
    /// </summary>
    AdjustedWald,
}

/// <summary>Counts of one set of 0..10 answers by category.</summary>
internal readonly record struct CategoryCounts(long Promoters, long Passives, long Detractors)
{
    public long Total => Promoters + Passives + Detractors;

    public static CategoryCounts FromDistribution(IReadOnlyList<long> distribution)
    {
        if (distribution.Count != 11) throw new ArgumentException("A distribution has 11 counts, for the scores 0 to 10.", nameof(distribution));
        return new CategoryCounts(distribution[9] + distribution[10], distribution[7] + distribution[8], distribution.Take(7).Sum());
    }
}

/// <summary>
/// An NPS with its uncertainty. <see cref="Nps"/> is always the observed score; the interval comes from the
/// method and is centred on <see cref="Centre"/> (the observed score for Wald, the adjusted estimate for adjusted-Wald).
/// </summary>
internal sealed record NpsEstimate(
    long Responses,
    double? Nps,
    double? PromoterPercent,
    double? PassivePercent,
    double? DetractorPercent,
    double? MarginOfError,
    double? Centre,
    double? Low,
    double? High,
    double? StandardError,
    IntervalMethod Method,
    double Confidence);

/// <summary>Two periods compared: the signed difference b - a with its interval and p-value (two-sample Wald).</summary>
internal sealed record NpsComparison(NpsEstimate A, NpsEstimate B, double? Delta, double? StandardError, double? Low, double? High, double? PValue, bool Significant);

/// <summary>
/// The NPS and its statistics, pure and unrounded except where the API promises one decimal. Each answer
/// scores +1 (promoter), 0 (passive) or -1 (detractor); the NPS is 100 times their mean.
/// </summary>
internal static class NpsStatistics
{
    public static readonly double[] Confidences = [0.90, 0.95, 0.99];

    /// <summary>The two-sided critical value of the standard normal for a confidence level.</summary>
    public static double Z(double confidence) => confidence switch
    {
        0.90 => 1.6448536269514722,
        0.95 => 1.959963984540054,
        0.99 => 2.5758293035489004,
        _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Use 0.90, 0.95 or 0.99."),
    };

    /// <summary>NPS = 100 * (promoters - detractors) / n, to one decimal; null without answers.</summary>
    public static double? Score(CategoryCounts counts) =>
        counts.Total == 0 ? null : Round(100.0 * (counts.Promoters - counts.Detractors) / counts.Total);

    public static NpsEstimate Estimate(CategoryCounts counts, IntervalMethod method = IntervalMethod.AdjustedWald, double confidence = 0.95)
    {
        var z = Z(confidence);
        var n = counts.Total;
        if (n == 0) return new NpsEstimate(0, null, null, null, null, null, null, null, null, null, method, confidence);

        var (promoters, passives, detractors) = method == IntervalMethod.AdjustedWald
            ? (counts.Promoters + 0.75, counts.Passives + 1.5, counts.Detractors + 0.75)
            : (counts.Promoters, (double)counts.Passives, (double)counts.Detractors);
        var size = promoters + passives + detractors;
        var (centre, standardError) = MeanAndStandardError(promoters / size, detractors / size, size);
        var margin = z * standardError * 100;
        return new NpsEstimate(
            n,
            Score(counts),
            Round(100.0 * counts.Promoters / n),
            Round(100.0 * counts.Passives / n),
            Round(100.0 * counts.Detractors / n),
            Round(margin),
            Round(centre * 100),
            Round(Math.Max(-100, centre * 100 - margin)),
            Round(Math.Min(100, centre * 100 + margin)),
            standardError * 100,
            method,
            confidence);
    }

    /// <summary>
    /// Whether period b differs from period a: the difference of the observed scores, its standard error
    /// sqrt(se_a² + se_b²) from the observed proportions, the interval and the two-sided p-value.
    /// </summary>
    public static NpsComparison Compare(CategoryCounts a, CategoryCounts b, IntervalMethod method = IntervalMethod.AdjustedWald, double confidence = 0.95)
    {
        var estimateA = Estimate(a, method, confidence);
        var estimateB = Estimate(b, method, confidence);
        if (a.Total == 0 || b.Total == 0) return new NpsComparison(estimateA, estimateB, null, null, null, null, null, false);

        var (meanA, seA) = MeanAndStandardError((double)a.Promoters / a.Total, (double)a.Detractors / a.Total, a.Total);
        var (meanB, seB) = MeanAndStandardError((double)b.Promoters / b.Total, (double)b.Detractors / b.Total, b.Total);
        var delta = (meanB - meanA) * 100;
        var standardError = Math.Sqrt(seA * seA + seB * seB) * 100;
        var margin = Z(confidence) * standardError;
        var pValue = standardError == 0 ? (delta == 0 ? 1 : 0) : 2 * (1 - NormalCdf(Math.Abs(delta) / standardError));
        return new NpsComparison(
            estimateA, estimateB, Round(delta), standardError, Round(Math.Max(-200, delta - margin)), Round(Math.Min(200, delta + margin)),
            Math.Round(pValue, 4), pValue < 1 - confidence);
    }

    /// <summary>The mean of the +1/0/-1 scores and its standard error: var = (p+ + p-) - (p+ - p-)², se = sqrt(var / n).</summary>
    private static (double Mean, double StandardError) MeanAndStandardError(double promoterShare, double detractorShare, double n)
    {
        var mean = promoterShare - detractorShare;
        var variance = Math.Max(0, promoterShare + detractorShare - mean * mean);
        return (mean, Math.Sqrt(variance / n));
    }

    /// <summary>The standard normal distribution function (accurate to about 1e-7, plenty for a p-value).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>Complementary error function (Numerical Recipes, erfcc: fractional error below 1.2e-7 everywhere).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
