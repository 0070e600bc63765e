using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Scoring.Domain;

namespace NpsCloud.Scoring.Features.Metrics;

/// <summary>The checks every metric applies to the precision it is asked for.</summary>
internal static class MetricsRules
{
    public static string MethodName(IntervalMethod method) => method == IntervalMethod.Wald ? "wald" : "adjusted-wald";

    /// <summary>The interval method and confidence a request asks for (adjusted-Wald at 95% by default).</summary>
    public static (IntervalMethod Method, double Confidence) Precision(string? method, double? confidence)
    {
        var chosen = method switch
        {
            null or "" or "adjusted-wald" => IntervalMethod.AdjustedWald,
            "wald" => IntervalMethod.Wald,
            _ => throw new RequestValidationException("method", "Use wald or adjusted-wald."),
        };
        if (!NpsStatistics.Confidences.Contains(confidence ?? 0.95)) throw new RequestValidationException("confidence", "Use 0.90, 0.95 or 0.99.");
        return (chosen, confidence ?? 0.95);
    }
}
