using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The shares of promoters, passives and detractors over time as three lines in their category colours,
/// with a legend, on a y axis of percentages fitted to the data; the same frame, ticks, "so far" marking,
/// hover and tap values and table as the NPS trend (<see cref="TrendChart"/>).
/// </summary>
public static class ShareChart
{
    public sealed record Point(DateOnly PeriodStart, long Promoters, long Passives, long Detractors)
    {
        public long Total => Promoters + Passives + Detractors;

        public double Share(long count) => Total == 0 ? 0 : 100.0 * count / Total;
    }

    private static readonly (string Kind, Func<Point, long> Count)[] Categories =
        [("promoter", p => p.Promoters), ("passive", p => p.Passives), ("detractor", p => p.Detractors)];

    public static IHtmlContent Render(IReadOnlyList<Point> points, TrendChart.Window window, IStringLocalizer text, string title, string testId)
    {
        var chart = new ChartSvg(text, window, points.Select(p => p.PeriodStart).ToList());
        var range = ChartScale.YRange(points.SelectMany(p => Categories.Select(c => p.Share(c.Count(p)))), 0, 100);
        string Percent(double share) => chart["Chart.Percent", Math.Round(share, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.CurrentCulture)];
        string Name(string kind) => chart[$"Chart.Category.{kind}"];
        chart.Open(title);
        chart.YAxis(range, chart["Chart.Share"], Percent);
        foreach (var (kind, count) in Categories)
        {
            for (var i = 1; i < points.Count; i++)
            {
                var (a, b) = (points[i - 1], points[i]);
                chart.Segment(chart.X(a.PeriodStart), ChartSvg.Y(range, a.Share(count(a))), chart.X(b.PeriodStart), ChartSvg.Y(range, b.Share(count(b))),
                    $"line {kind}{(chart.SoFar(b.PeriodStart) ? " so-far" : "")}");
            }
        }

        chart.XAxis();
        foreach (var p in points)
        {
            var x = chart.X(p.PeriodStart);
            var period = chart.Period(p.PeriodStart);
            var values = Categories.Select(c => $"{Name(c.Kind)} {Percent(p.Share(c.Count(p)))}").ToList();
            chart.OpenPoint(p.PeriodStart,
                chart["Chart.ShareSummary", period, string.Join(", ", Categories.Select(c => $"{Name(c.Kind)} {c.Count(p):N0} ({Percent(p.Share(c.Count(p)))})")), p.Total.ToString("N0", CultureInfo.CurrentCulture)],
                period, string.Join(" · ", values), x, null);
            // The three values beside their dots, pushed apart where two shares are close.
            var placed = new List<double>();
            foreach (var (kind, count) in Categories.OrderBy(c => ChartSvg.Y(range, p.Share(c.Count(p)))))
            {
                var y = ChartSvg.Y(range, p.Share(count(p)));
                chart.Append($"<circle cx=\"{ChartSvg.Percent(x)}\" cy=\"{ChartSvg.Px(y)}\" r=\"4.5\" class=\"point {kind}\" />");
                var labelY = Math.Max(y + 4, placed.Count > 0 ? placed[^1] + 14 : double.MinValue);
                placed.Add(labelY);
                var anchor = x > 0.8 ? "end" : "start";
                chart.Append(ChartSvg.Text(x, labelY, Percent(p.Share(count(p))), anchor, $"chart-value {kind}", percent: true, dx: anchor == "end" ? -9 : 9));
            }

            chart.ClosePoint();
            if (chart.SoFar(p.PeriodStart)) chart.SoFarLabel(x, ChartSvg.PlotBottom - 30);
        }

        var table = ChartSvg.Table(
            new[] { chart["Chart.Column.Period"] }.Concat(Categories.Select(c => Name(c.Kind))).Append(chart["Chart.Column.Answers"]),
            points.Select(p => (IReadOnlyList<string>)[chart.Period(p.PeriodStart), .. Categories.Select(c => $"{c.Count(p).ToString("N0", CultureInfo.CurrentCulture)} · {Percent(p.Share(c.Count(p)))}"), p.Total.ToString("N0", CultureInfo.CurrentCulture)]));
        var legend = string.Concat(Categories.Select(c => $"<li><span class=\"chart-swatch {c.Kind}\" aria-hidden=\"true\"></span>{ChartSvg.Encode(Name(c.Kind))}</li>"));
        return new HtmlString($"<figure class=\"chart\" data-testid=\"{ChartSvg.Encode(testId)}\"><ul class=\"chart-legend\">{legend}</ul>{chart.Close(table)}</figure>");
    }
}
