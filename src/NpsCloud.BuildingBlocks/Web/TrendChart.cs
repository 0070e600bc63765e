using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// An NPS trend as server-rendered SVG: the NPS line on a y axis fitted to the data, its confidence
/// interval as a band, for goals the target as a dashed line, dated x ticks in the reader's language, and
/// the period still under way drawn hollow with a dashed line and labelled "so far". Every point is
/// focusable and shows its values on hover, focus and tap (CSS only); a table holds the same numbers.
/// </summary>
public static class TrendChart
{
    public sealed record Point(DateOnly PeriodStart, double Nps, double Low, double High, long Responses);

    /// <summary>
    /// What the points are periods of: the interval (day, week, month, quarter), the window of local days
    /// [Since, Until) asked for (it cuts the first and last periods) and today in the company's time zone
    /// (the period holding it is still under way).
    /// </summary>
    public sealed record Window(string Interval, DateOnly Since, DateOnly Until, DateOnly Today);

    public static IHtmlContent Render(
        IReadOnlyList<Point> points, Window window, IStringLocalizer text, string title, string testId, double? target = null, string? targetLabel = null)
    {
        var chart = new ChartSvg(text, window, points.Select(p => p.PeriodStart).ToList());
        var range = ChartScale.YRange(points.SelectMany(p => new[] { p.Low, p.High, p.Nps }).Concat(target is { } t ? [t] : []), -100, 100);
        chart.Open(title);
        chart.YAxis(range, chart["Chart.Nps"], tick => Whole(tick));
        if (points.Count > 0)
        {
            var band = string.Join(" ", points.Select(p => Corner(chart, range, p.PeriodStart, p.High)))
                + " " + string.Join(" ", points.Reverse().Select(p => Corner(chart, range, p.PeriodStart, p.Low)));
            chart.Append($"<svg x=\"0\" y=\"{ChartSvg.Px(ChartSvg.PlotTop)}\" width=\"100%\" height=\"{ChartSvg.Px(ChartSvg.PlotHeight)}\" viewBox=\"0 0 1000 {ChartSvg.Px(ChartSvg.PlotHeight)}\" preserveAspectRatio=\"none\" aria-hidden=\"true\">")
                .Append($"<polygon points=\"{band}\" class=\"band\" /></svg>");
        }

        if (target is { } goal)
        {
            var y = ChartSvg.Px(ChartSvg.Y(range, goal));
            chart.Append($"<line x1=\"0\" x2=\"100%\" y1=\"{y}\" y2=\"{y}\" class=\"target\" data-testid=\"target-line\"><title>{ChartSvg.Encode(targetLabel ?? "")}</title></line>");
        }

        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            chart.Segment(chart.X(a.PeriodStart), ChartSvg.Y(range, a.Nps), chart.X(b.PeriodStart), ChartSvg.Y(range, b.Nps), chart.SoFar(b.PeriodStart) ? "line so-far" : "line");
        }

        chart.XAxis();
        foreach (var p in points)
        {
            var (x, y) = (chart.X(p.PeriodStart), ChartSvg.Y(range, p.Nps));
            var period = chart.Period(p.PeriodStart);
            var interval = ChartScale.FormatRange(p.Low, p.High);
            chart.OpenPoint(p.PeriodStart, chart["Chart.NpsSummary", period, Number(p.Nps), interval, p.Responses.ToString("N0", CultureInfo.CurrentCulture)],
                period, chart["Chart.NpsReadout", Number(p.Nps), interval, p.Responses.ToString("N0", CultureInfo.CurrentCulture)], x, y);
            chart.Append($"<circle cx=\"{ChartSvg.Percent(x)}\" cy=\"{ChartSvg.Px(y)}\" r=\"5\" class=\"point\" />");
            chart.ValueLabel(x, y, Number(p.Nps), "chart-value");
            chart.ClosePoint();
            if (chart.SoFar(p.PeriodStart)) chart.SoFarLabel(x, y);
        }

        var table = ChartSvg.Table(
            [chart["Chart.Column.Period"], chart["Chart.Nps"], chart["Chart.Column.Interval"], chart["Chart.Column.Answers"]],
            points.Select(p => (IReadOnlyList<string>)[chart.Period(p.PeriodStart), Number(p.Nps), ChartScale.FormatRange(p.Low, p.High), p.Responses.ToString("N0", CultureInfo.CurrentCulture)]));
        return new HtmlString($"<figure class=\"chart\" data-testid=\"{ChartSvg.Encode(testId)}\">{chart.Close(table)}</figure>");
    }

    public static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    /// <summary>A whole number with a real minus sign, as the axis writes it.</summary>
    public static string Whole(double value) => (value < 0 ? "\u2212" : "") + Math.Abs(value).ToString("0", CultureInfo.CurrentCulture);

    private static string Corner(ChartSvg chart, ChartScale.Range range, DateOnly start, double value) =>
        $"{ChartSvg.Px(chart.X(start) * 1000)},{ChartSvg.Px(ChartSvg.Y(range, value) - ChartSvg.PlotTop)}";
}
