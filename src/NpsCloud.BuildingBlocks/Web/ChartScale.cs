using System.Globalization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The pure arithmetic of the charts: a y range that fits the data with round ticks, the dates the x
/// axis labels without collisions, each period's end and whether it is still running, and intervals
/// written as ranges. Kept apart from the SVG so that it can be tested on its own.
/// </summary>
public static class ChartScale
{
    /// <summary>A y axis from <paramref name="Low"/> to <paramref name="High"/> with ticks every <paramref name="Step"/>.</summary>
    public sealed record Range(double Low, double High, double Step)
    {
        public IEnumerable<double> Ticks()
        {
            for (var tick = Low; tick <= High + Step / 1000; tick += Step) yield return Math.Round(tick, 6);
        }

        /// <summary>Where a value sits, 0 at the top and 1 at the bottom.</summary>
        public double Fraction(double value) => High == Low ? 0.5 : (High - Math.Clamp(value, Low, High)) / (High - Low);
    }

    private static readonly double[] Steps = [1, 2, 5, 10, 20, 25, 50];

    /// <summary>
    /// The smallest round range holding every value, in at most five steps, inside [floor, ceiling]. A span
    /// under ten points is widened to ten around its middle, so that noise of a point or two does not fill
    /// the chart's height.
    /// </summary>
    public static Range YRange(IEnumerable<double> values, double floor, double ceiling)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0) return new Range(floor, ceiling, (ceiling - floor) / 4);
        double min = list.Min(), max = list.Max();
        if (max - min < 10)
        {
            var middle = (min + max) / 2;
            (min, max) = (middle - 5, middle + 5);
            if (min < floor) (min, max) = (floor, floor + 10);
            if (max > ceiling) (min, max) = (ceiling - 10, ceiling);
        }

        foreach (var step in Steps)
        {
            var low = Math.Max(floor, Math.Floor(min / step) * step);
            var high = Math.Min(ceiling, Math.Ceiling(max / step) * step);
            if ((high - low) / step <= 5) return new Range(low, high, step);
        }

        return new Range(floor, ceiling, 50);
    }

    /// <summary>The first day after a period that starts on <paramref name="start"/>.</summary>
    public static DateOnly PeriodEnd(DateOnly start, string interval) => interval switch
    {
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        "month" => start.AddMonths(1),
        "quarter" => start.AddMonths(3),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Use day, week, month or quarter."),
    };

    /// <summary>
    /// The days [from, until) of a period that the window [since, until) covers: the first and last periods
    /// of a window are often cut.
    /// </summary>
    public static (DateOnly From, DateOnly Until) Covered(DateOnly start, string interval, DateOnly since, DateOnly until)
    {
        var end = PeriodEnd(start, interval);
        return (start < since ? since : start, end > until ? until : end);
    }

    /// <summary>
    /// Whether a period's figures are still growing: its covered days reach past today (the company's
    /// local date), so today and the days after it have not been answered yet.
    /// </summary>
    public static bool IsSoFar(DateOnly start, string interval, DateOnly since, DateOnly until, DateOnly today) =>
        Covered(start, interval, since, until).Until > today && start <= today;

    /// <summary>
    /// An interval as a range of whole numbers, "30–45" (an en dash). A negative end takes a real minus sign
    /// and the dash is spaced, "−12 – 5", so that a minus is never read as the dash.
    /// </summary>
    public static string FormatRange(double low, double high)
    {
        var (a, b) = (Math.Round(low, MidpointRounding.AwayFromZero), Math.Round(high, MidpointRounding.AwayFromZero));
        string Whole(double value) => (value < 0 ? "\u2212" : "") + Math.Abs(value).ToString("0", CultureInfo.CurrentCulture);
        return a < 0 || b < 0 ? $"{Whole(a)} – {Whole(b)}" : $"{Whole(a)}–{Whole(b)}";
    }

    /// <summary>
    /// The dates the x axis labels, one every few periods, so that labels <paramref name="labelWidth"/> pixels
    /// wide stay at least 8 px apart on a plot <paramref name="plotWidth"/> pixels wide (dates placed by day
    /// between <paramref name="first"/> and <paramref name="last"/>). Months step by 1, 2, 3, 6 or 12 on
    /// round months (January, April, ...); days and weeks from the first period.
    /// </summary>
    public static IReadOnlyList<DateOnly> XTicks(DateOnly first, DateOnly last, string interval, double plotWidth, double labelWidth)
    {
        if (last <= first) return [first];
        var span = (double)(last.DayNumber - first.DayNumber);
        int[] steps = interval switch
        {
            "day" => [1, 2, 7, 14, 28, 56, 91, 182, 364],
            "week" => [1, 2, 4, 8, 13, 26, 52],
            "month" => [1, 2, 3, 6, 12, 24],
            _ => [1, 2, 4, 8],
        };
        List<DateOnly> ticks = [first];
        foreach (var step in steps)
        {
            ticks = Candidates(first, last, interval, step).ToList();
            if (ticks.Count == 0) return [first];
            var gaps = ticks.Zip(ticks.Skip(1), (a, b) => (b.DayNumber - a.DayNumber) / span * plotWidth);
            if (ticks.Count <= 1 || gaps.Min() >= labelWidth + 8) return ticks;
        }

        return [ticks.Count > 0 ? ticks[0] : first];
    }

    private static IEnumerable<DateOnly> Candidates(DateOnly first, DateOnly last, string interval, int step)
    {
        if (interval is "month" or "quarter")
        {
            var months = interval == "quarter" ? 3 * step : step;
            // Round months: every third month is a quarter start, every twelfth a January.
            var month = new DateOnly(first.Year, first.Month, 1);
            while ((month.Month - 1) % Math.Min(months, 12) != 0 || month < first) month = month.AddMonths(1);
            if (months > 12) month = month.Year % 2 == 0 ? month : month.AddMonths(12);
            for (; month <= last; month = month.AddMonths(months)) yield return month;
            yield break;
        }

        var days = interval == "week" ? 7 * step : step;
        for (var day = first; day <= last; day = day.AddDays(days)) yield return day;
    }
}
