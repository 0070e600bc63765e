using System.Globalization;
using System.Text;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// One line of the results: a figure of NpsCloud, the same figure of its baseline measured in the same run,
/// and the ratio (NpsCloud / baseline for a rate, so higher is better). Repeated figures are medians, with
/// their range.
/// </summary>
public sealed record ResultRow(string Scenario, string Measure, string NpsCloud, string Baseline, string Ratio, string Target);

public sealed class ResultTable
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string scenario, string measure, string npsCloud, string baseline = "", string ratio = "", string target = "")
    {
        var row = new ResultRow(scenario, measure, npsCloud, baseline, ratio, target);
        _rows.Add(row);
        Console.WriteLine($"// {scenario} {measure}: {npsCloud}{(baseline.Length > 0 ? $" vs {baseline}" : "")}{(ratio.Length > 0 ? $" = {ratio}" : "")}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine("// " + note);
    }

    public static string Number(double value, string unit = "") =>
        double.IsNaN(value) ? "n/a" : value.ToString(value >= 100 ? "N0" : value >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture) + unit;

    /// <summary>The median of repeated figures, with the range when there is more than one.</summary>
    public static string Median(IReadOnlyList<double> values, string unit = "") =>
        values.Count == 1 ? Number(values[0], unit) : $"{Number(Stats.Median(values), unit)} ({Number(values.Min())}–{Number(values.Max())})";

    public static string Times(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "n/a" : ratio.ToString(ratio >= 10 ? "N0" : "N2", CultureInfo.InvariantCulture) + "x";

    public string Markdown(string heading)
    {
        var text = new StringBuilder().Append("# ").AppendLine(heading).AppendLine();
        text.AppendLine("| scenario | measure | NpsCloud | baseline | ratio | target |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in _rows)
        {
            text.AppendLine($"| {row.Scenario} | {row.Measure} | {row.NpsCloud} | {row.Baseline} | {row.Ratio} | {row.Target} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes) text.Append("- ").AppendLine(note);
        }

        return text.ToString();
    }

    public string Plain()
    {
        string[] headers = ["scenario", "measure", "NpsCloud", "baseline", "ratio", "target"];
        var cells = _rows.Select(r => new[] { r.Scenario, r.Measure, r.NpsCloud, r.Baseline, r.Ratio, r.Target }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] values) => text.AppendLine(string.Join("  ", values.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in cells) Line(row);
        foreach (var note in _notes) text.Append("- ").AppendLine(note);
        return text.ToString();
    }
}
