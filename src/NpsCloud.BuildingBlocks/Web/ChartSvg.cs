using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The frame the time charts share. The SVG has no viewBox: one user unit is one CSS pixel at every width,
/// so its 12 px text stays 12 px on a phone. Horizontal positions are percentages of the plot's width and
/// vertical ones pixels of its fixed height; only the interval band, which has no text, is a nested SVG
/// stretched with <c>preserveAspectRatio="none"</c>. The y labels sit in the frame's left padding and
/// the last x label in its right padding (charts.css), drawn there through <c>overflow: visible</c>.
/// </summary>
internal sealed class ChartSvg
{
    public const double ReadoutTop = 14, ReadoutBottom = 30, AxisTitle = 44, PlotTop = 54, PlotHeight = 170, PlotBottom = PlotTop + PlotHeight;
    public const double TickLine = PlotBottom + 16, YearLine = TickLine + 14, XTitle = YearLine + 16, Height = XTitle + 8;

    /// <summary>The plot widths the x labels are chosen for: a phone (the frame's narrowest) and a wide card.</summary>
    public const double NarrowPlot = 220, WidePlot = 400;

    private readonly StringBuilder _svg = new();
    private readonly IStringLocalizer _text;

    public ChartSvg(IStringLocalizer text, TrendChart.Window window, IReadOnlyList<DateOnly> starts)
    {
        _text = text;
        Window = window;
        First = starts.Count > 0 ? starts.Min() : window.Since;
        Last = starts.Count > 0 ? starts.Max() : window.Since;
    }

    public TrendChart.Window Window { get; }
    public DateOnly First { get; }
    public DateOnly Last { get; }

    public string this[string key, params object[] arguments] => _text[key, arguments].Value;

    /// <summary>Where a period starts across the plot, 0 to 1 (by day, so that weeks without answers leave a gap).</summary>
    public double X(DateOnly start) => Last == First ? 0.5 : (double)(start.DayNumber - First.DayNumber) / (Last.DayNumber - First.DayNumber);

    public static double Y(ChartScale.Range range, double value) => PlotTop + range.Fraction(value) * PlotHeight;

    public ChartSvg Append(string markup)
    {
        _svg.Append(markup);
        return this;
    }

    public void Open(string title)
    {
        _svg.Append($"<div class=\"chart-frame\"><svg class=\"chart-svg\" width=\"100%\" height=\"{Px(Height)}\" role=\"group\" aria-label=\"{Encode(title)}\">");
        _svg.Append(Text(-40, ReadoutTop, this["Chart.Hint"], "start", "chart-hint"));
    }

    /// <summary>The y axis: its title, a gridline and a label at each tick, the zero line marked.</summary>
    public void YAxis(ChartScale.Range range, string title, Func<double, string> label)
    {
        _svg.Append(Text(-40, AxisTitle, title, "start", "chart-axis-title"));
        foreach (var tick in range.Ticks())
        {
            var y = Px(Y(range, tick));
            _svg.Append($"<line x1=\"0\" x2=\"100%\" y1=\"{y}\" y2=\"{y}\" class=\"{(tick == 0 ? "chart-grid chart-zero" : "chart-grid")}\" />");
            _svg.Append(Text(-6, Y(range, tick) + 4, label(tick), "end", "chart-tick"));
        }
    }

    /// <summary>
    /// The x axis: dates chosen for a narrow and for a wide plot (charts.css shows one set or the other by
    /// the frame's width), the year under the first label and wherever it changes, and the axis's title.
    /// </summary>
    public void XAxis()
    {
        var interval = Window.Interval;
        string Label(DateOnly day) => day.ToString(interval is "day" or "week" ? "d MMM" : "MMM", CultureInfo.CurrentCulture);
        var labelWidth = LabelWidth(interval);
        var narrow = ChartScale.XTicks(First, Last, interval, NarrowPlot, labelWidth);
        var wide = ChartScale.XTicks(First, Last, interval, WidePlot, labelWidth);
        foreach (var (set, kind) in new[] { (narrow, "narrow"), (wide, "wide") })
        {
            int? year = null;
            foreach (var day in set)
            {
                var classes = "chart-tick chart-x " + kind;
                _svg.Append(Text(X(day), TickLine, Label(day), "middle", classes, percent: true));
                if (year != day.Year) _svg.Append(Text(X(day), YearLine, day.Year.ToString(CultureInfo.CurrentCulture), "middle", classes, percent: true));
                year = day.Year;
            }
        }

        _svg.Append(Text(0.5, XTitle, this[$"Chart.Axis.{interval}"], "middle", "chart-axis-title", percent: true));
    }

    /// <summary>How wide the widest x label can be: 7 px a character of 12 px text is generous.</summary>
    public static double LabelWidth(string interval) => 7 * (interval is "day" or "week" ? 6 : 4);

    /// <summary>The period a point stands for, as its days are covered by the window: "3–9 Nov 2026", "November 2026", "29 Dec 2025 – 4 Jan 2026".</summary>
    public string Period(DateOnly start)
    {
        var (from, until) = ChartScale.Covered(start, Window.Interval, Window.Since, Window.Until);
        var to = until.AddDays(-1);
        var culture = CultureInfo.CurrentCulture;
        var text = Window.Interval == "month" && from == start && until == ChartScale.PeriodEnd(start, "month") ? start.ToString("MMMM yyyy", culture)
            : from == to ? from.ToString("d MMM yyyy", culture)
            : from.Year == to.Year && from.Month == to.Month ? $"{from.ToString("%d", culture)}–{to.ToString("d MMM yyyy", culture)}"
            : from.Year == to.Year ? $"{from.ToString("d MMM", culture)} – {to.ToString("d MMM yyyy", culture)}"
            : $"{from.ToString("d MMM yyyy", culture)} – {to.ToString("d MMM yyyy", culture)}";
        return SoFar(start) ? $"{text} ({this["Chart.SoFar"]})" : text;
    }

    public bool SoFar(DateOnly start) => ChartScale.IsSoFar(start, Window.Interval, Window.Since, Window.Until, Window.Today);

    /// <summary>A line from one point to the next, dashed when it runs into a period still under way.</summary>
    public void Segment(double x1, double y1, double x2, double y2, string classes) =>
        _svg.Append($"<line x1=\"{Percent(x1)}\" y1=\"{Px(y1)}\" x2=\"{Percent(x2)}\" y2=\"{Px(y2)}\" class=\"{classes}\" />");

    /// <summary>
    /// One period's focus target: a 44 px hit circle (or column), its title for assistive technology and
    /// the pointer's tooltip, and the two readout lines at the top of the chart that CSS shows on hover,
    /// focus and tap.
    /// </summary>
    public void OpenPoint(DateOnly start, string summary, string readoutTop, string readoutBottom, double x, double? hitY)
    {
        _svg.Append($"<g class=\"chart-point{(SoFar(start) ? " so-far" : "")}\" tabindex=\"0\" role=\"img\" data-period=\"{start:yyyy-MM-dd}\"><title>{Encode(summary)}</title>");
        _svg.Append(hitY is { } y
            ? $"<circle class=\"chart-hit\" cx=\"{Percent(x)}\" cy=\"{Px(y)}\" r=\"22\" />"
            : $"<rect class=\"chart-hit\" x=\"{Percent(x)}\" y=\"{Px(PlotTop)}\" width=\"44\" height=\"{Px(PlotHeight)}\" transform=\"translate(-22 0)\" />");
        _svg.Append("<g class=\"chart-readout\">")
            .Append(Text(-40, ReadoutTop, readoutTop, "start", "chart-readout-text"))
            .Append(Text(-40, ReadoutBottom, readoutBottom, "start", "chart-readout-text"))
            .Append("</g>");
    }

    public void ClosePoint() => _svg.Append("</g>");

    /// <summary>A value written beside its point: above it, or below it near the top; anchored inwards near the edges.</summary>
    public void ValueLabel(double x, double y, string value, string classes, double dy = 0)
    {
        var anchor = x < 0.12 ? "start" : x > 0.88 ? "end" : "middle";
        _svg.Append(Text(x, (y < PlotTop + 18 ? y + 20 : y - 10) + dy, value, anchor, classes, percent: true));
    }

    /// <summary>The "so far" note on a period still under way: on the other side of its point from its value.</summary>
    public void SoFarLabel(double x, double y)
    {
        var anchor = x < 0.12 ? "start" : x > 0.88 ? "end" : "middle";
        var at = y < PlotTop + 18 ? y + 36 : y > PlotBottom - 24 ? y - 26 : y + 22;
        _svg.Append(Text(x, at, this["Chart.SoFar"], anchor, "chart-so-far", percent: true));
    }

    public string Close(string table)
    {
        _svg.Append("</svg></div>");
        _svg.Append($"<details class=\"chart-table\"><summary>{Encode(this["Chart.ShowTable"])}</summary>{table}</details>");
        return _svg.ToString();
    }

    /// <summary>A label at x (px, or a fraction of the width when <paramref name="percent"/>), shifted by <paramref name="dx"/> px.</summary>
    public static string Text(double x, double y, string content, string anchor, string classes, bool percent = false, double dx = 0) =>
        $"<text x=\"{(percent ? Percent(x) : Px(x))}\" y=\"{Px(y)}\"{(dx == 0 ? "" : $" dx=\"{Px(dx)}\"")} class=\"{classes}\" text-anchor=\"{anchor}\">{Encode(content)}</text>";

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    /// <summary>A data table: a header row and rows of cells, the first cell of each a row header.</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new StringBuilder("<table class=\"table\"><thead><tr>");
        foreach (var header in headers) table.Append($"<th scope=\"col\">{Encode(header)}</th>");
        table.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            table.Append("<tr>");
            for (var i = 0; i < row.Count; i++) table.Append(i == 0 ? $"<th scope=\"row\">{Encode(row[i])}</th>" : $"<td>{Encode(row[i])}</td>");
            table.Append("</tr>");
        }

        return table.Append("</tbody></table>").ToString();
    }
}
