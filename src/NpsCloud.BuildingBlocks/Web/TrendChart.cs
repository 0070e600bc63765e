using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// An NPS trend as server-rendered SVG (readable without scripts): the NPS line on a -100..100 axis, its
/// confidence interval as a band and, for goals, the target as a dashed line. Each point has a tooltip.
/// </summary>
public static class TrendChart
{
    public sealed record Point(DateOnly PeriodStart, double Nps, double Low, double High, long Responses);

    private const double Width = 720, Height = 240;

    public static IHtmlContent Render(IReadOnlyList<Point> points, string title, string testId, double? target = null, string? targetLabel = null)
    {
        string X(int i) => Format(points.Count <= 1 ? Width / 2 : i * Width / (points.Count - 1));
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart\" viewBox=\"-40 -10 {Format(Width + 60)} {Format(Height + 40)}\" role=\"img\" aria-label=\"{Encode(title)}\" data-testid=\"{Encode(testId)}\">");
        svg.Append($"<title>{Encode(title)}</title>");
        foreach (var tick in new[] { 100, 50, 0, -50, -100 })
        {
            svg.Append($"<line x1=\"0\" x2=\"{Format(Width)}\" y1=\"{Y(tick)}\" y2=\"{Y(tick)}\" class=\"{(tick == 0 ? "axis zero" : "axis")}\" />");
            svg.Append(Label(-8, Y(tick), tick.ToString(CultureInfo.InvariantCulture), "end"));
        }

        if (points.Count > 0)
        {
            var band = string.Join(" ", points.Select((p, i) => $"{X(i)},{Y(p.High)}")) + " "
                + string.Join(" ", points.Select((p, i) => (p, i)).Reverse().Select(t => $"{X(t.i)},{Y(t.p.Low)}"));
            svg.Append($"<polygon points=\"{band}\" class=\"band\" />");
            svg.Append($"<polyline points=\"{string.Join(" ", points.Select((p, i) => $"{X(i)},{Y(p.Nps)}"))}\" class=\"line\" />");
            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                svg.Append($"<circle cx=\"{X(i)}\" cy=\"{Y(p.Nps)}\" r=\"4\" class=\"point\"><title>{Encode(
                    $"{p.PeriodStart.ToString("d MMM yyyy", CultureInfo.CurrentCulture)}: NPS {Number(p.Nps)} ({Number(p.Low)} .. {Number(p.High)}), n = {p.Responses}")}</title></circle>");
            }

            svg.Append(Label(0, Format(Height + 24), points[0].PeriodStart.ToString("d MMM yyyy", CultureInfo.CurrentCulture), "start"));
            svg.Append(Label(Width, Format(Height + 24), points[^1].PeriodStart.ToString("d MMM yyyy", CultureInfo.CurrentCulture), "end"));
        }

        if (target is { } t)
        {
            svg.Append($"<line x1=\"0\" x2=\"{Format(Width)}\" y1=\"{Y(t)}\" y2=\"{Y(t)}\" class=\"target\" data-testid=\"target-line\"><title>{Encode(targetLabel ?? "")}</title></line>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    private static string Label(double x, string y, string content, string anchor) =>
        $"<text x=\"{Format(x)}\" y=\"{y}\" class=\"tick\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{Encode(content)}</text>";

    private static string Y(double nps) => Format((100 - nps) / 200 * Height);

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
