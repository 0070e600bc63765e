using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Widgets;

/// <param name="Snippet">What the company pastes into its pages (with the inline element when the widget is inline).</param>
internal sealed record WidgetView(
    string Id,
    Guid SurveyId,
    IReadOnlyList<string> AllowedOrigins,
    string Display,
    string InlineSelector,
    IReadOnlyList<string> PathPatterns,
    int DelaySeconds,
    int SamplingPercent,
    int SnoozeDaysAfterAnswer,
    int SnoozeDaysAfterDismiss,
    bool Enabled,
    string ScriptUrl,
    string Snippet,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WidgetView From(Widget widget, PublicLinks links)
    {
        var script = links.To($"w/{widget.Id}.js").ToString();
        var snippet = $"<script src=\"{script}\" async></script>";
        if (widget.Display == WidgetDisplays.Inline)
        {
            snippet = widget.InlineSelector is null ? "<div data-npscloud-inline></div>\n" + snippet : snippet;
        }

        return new WidgetView(
            widget.Id, widget.SurveyId, widget.AllowedOrigins, widget.Display, widget.InlineSelector ?? Widget.DefaultInlineSelector, widget.PathPatterns,
            widget.DelaySeconds, widget.SamplingPercent, widget.SnoozeDaysAfterAnswer, widget.SnoozeDaysAfterDismiss, widget.Enabled,
            script, snippet, widget.CreatedAt, widget.UpdatedAt);
    }
}
