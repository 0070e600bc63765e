using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// How many answered each score, 10 at the top down to 0, as horizontal bars in the category colours with
/// each bar's count and share written beside it ("45 · %60"), and the three categories' counts and shares
/// under it. No viewBox (one unit is one CSS pixel), so the text keeps its size at every width.
/// </summary>
public static class DistributionChart
{
    private const double Row = 26, Bar = 18;

    /// <summary>The longest bar takes this share of the width, leaving room for its count and share.</summary>
    private const double Longest = 0.62;

    public static IHtmlContent Render(IReadOnlyList<long> distribution, IStringLocalizer text, string title, string testId)
    {
        long Count(int score) => distribution.Count > score ? distribution[score] : 0;
        var total = Enumerable.Range(0, 11).Sum(s => Count(s));
        var max = Math.Max(1, Enumerable.Range(0, 11).Max(s => Count(s)));
        string Percent(long count) => text["Chart.Percent", (total == 0 ? 0 : Math.Round(100.0 * count / total, MidpointRounding.AwayFromZero)).ToString("0", CultureInfo.CurrentCulture)].Value;
        string CountShare(long count) => $"{count.ToString("N0", CultureInfo.CurrentCulture)} · {Percent(count)}";
        static string Kind(int score) => score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";

        var svg = new StringBuilder($"<div class=\"chart-frame chart-bars\"><svg class=\"chart-svg\" width=\"100%\" height=\"{ChartSvg.Px(11 * Row)}\" role=\"img\" aria-label=\"{ChartSvg.Encode(title)}\" data-testid=\"{ChartSvg.Encode(testId)}\">");
        svg.Append($"<title>{ChartSvg.Encode(title)}</title>");
        for (var score = 10; score >= 0; score--)
        {
            var top = (10 - score) * Row;
            var width = Longest * Count(score) / max;
            svg.Append(ChartSvg.Text(-8, top + Bar / 2 + 5, score.ToString(CultureInfo.CurrentCulture), "end", "chart-tick"));
            svg.Append($"<rect x=\"0\" y=\"{ChartSvg.Px(top)}\" width=\"{ChartSvg.Percent(width)}\" height=\"{ChartSvg.Px(Bar)}\" rx=\"3\" class=\"bar {Kind(score)}\"><title>{ChartSvg.Encode(text["Chart.ScoreSummary", score, CountShare(Count(score))].Value)}</title></rect>");
            svg.Append(ChartSvg.Text(width, top + Bar / 2 + 5, CountShare(Count(score)), "start", "chart-count", percent: true, dx: 6));
        }

        svg.Append("</svg></div>");
        var categories = new[] { ("promoter", Enumerable.Range(9, 2)), ("passive", Enumerable.Range(7, 2)), ("detractor", Enumerable.Range(0, 7)) };
        svg.Append("<ul class=\"chart-legend\" data-testid=\"categories\">");
        foreach (var (kind, scores) in categories)
        {
            var count = scores.Sum(s => Count(s));
            svg.Append($"<li data-category=\"{kind}\"><span class=\"chart-swatch {kind}\" aria-hidden=\"true\"></span><span>{ChartSvg.Encode(text[$"Chart.Category.{kind}"].Value)} <strong>{ChartSvg.Encode(CountShare(count))}</strong></span></li>");
        }

        return new HtmlString(svg.Append("</ul>").ToString());
    }
}
