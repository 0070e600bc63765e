using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Widgets;

/// <summary>A widget's settings as a client sends them (to create one, and merged with the stored widget to change one); absent fields take the defaults.</summary>
/// <param name="AllowedOrigins">At most <see cref="Widget.MaxOrigins"/> origins such as <c>https://shop.example</c> (http only for localhost).</param>
/// <param name="Display"><c>popup</c> (bottom right) or <c>inline</c> (into the element <paramref name="InlineSelector"/> finds).</param>
/// <param name="PathPatterns">At most <see cref="Widget.MaxPathPatterns"/> paths: a prefix (<c>/checkout</c>) or a pattern with <c>*</c> matching the whole path; none for every page.</param>
internal sealed record WidgetInput(
    List<string>? AllowedOrigins = null,
    string? Display = null,
    string? InlineSelector = null,
    List<string>? PathPatterns = null,
    int? DelaySeconds = null,
    int? SamplingPercent = null,
    int? SnoozeDaysAfterAnswer = null,
    int? SnoozeDaysAfterDismiss = null,
    bool? Enabled = null) : IRequest<WidgetView>, ITenantWrite
{
    /// <summary>The survey a new widget is for (from the route, not the body).</summary>
    [JsonIgnore]
    public Guid SurveyId { get; init; }

    public static WidgetInput From(Widget widget) => new(
        widget.AllowedOrigins, widget.Display, widget.InlineSelector, widget.PathPatterns, widget.DelaySeconds,
        widget.SamplingPercent, widget.SnoozeDaysAfterAnswer, widget.SnoozeDaysAfterDismiss, widget.Enabled);

    public void ApplyTo(Widget widget)
    {
        widget.AllowedOrigins = (AllowedOrigins ?? []).Select(o => WidgetOrigins.Normalize(o)!).Distinct().ToList();
        widget.Display = Display ?? WidgetDisplays.Popup;
        widget.InlineSelector = string.IsNullOrWhiteSpace(InlineSelector) ? null : InlineSelector.Trim();
        widget.PathPatterns = (PathPatterns ?? []).Select(p => p.Trim()).Distinct().ToList();
        widget.DelaySeconds = DelaySeconds ?? 0;
        widget.SamplingPercent = SamplingPercent ?? 100;
        widget.SnoozeDaysAfterAnswer = SnoozeDaysAfterAnswer ?? 90;
        widget.SnoozeDaysAfterDismiss = SnoozeDaysAfterDismiss ?? 7;
        widget.Enabled = Enabled ?? true;
    }
}

internal sealed partial class WidgetInputValidator : AbstractValidator<WidgetInput>
{
    public WidgetInputValidator(IStringLocalizer<SurveysText> text)
    {
        RuleFor(w => w.AllowedOrigins).Must(list => list is null || list.Count <= Widget.MaxOrigins)
            .WithMessage(_ => text["Validation.Widget.TooMany", Widget.MaxOrigins]);
        RuleForEach(w => w.AllowedOrigins).Must(origin => WidgetOrigins.Normalize(origin) is not null)
            .WithMessage(_ => text["Validation.Widget.Origin"]).When(w => w.AllowedOrigins is { Count: <= Widget.MaxOrigins });
        RuleFor(w => w.Display).Must(display => display is null || WidgetDisplays.All.Contains(display)).WithMessage(_ => text["Validation.Widget.Display"]);
        RuleFor(w => w.InlineSelector).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200])
            .Must(selector => selector is null || !selector.Any(char.IsControl) && !selector.Contains('<')).WithMessage(_ => text["Validation.Widget.Selector"]);
        RuleFor(w => w.PathPatterns).Must(list => list is null || list.Count <= Widget.MaxPathPatterns)
            .WithMessage(_ => text["Validation.Widget.TooMany", Widget.MaxPathPatterns]);
        RuleForEach(w => w.PathPatterns).Must(pattern => pattern is not null && PathPattern().IsMatch(pattern.Trim()))
            .WithMessage(_ => text["Validation.Widget.Path"]).When(w => w.PathPatterns is { Count: <= Widget.MaxPathPatterns });
        RuleFor(w => w.DelaySeconds).InclusiveBetween(0, 600).When(w => w.DelaySeconds is not null).WithMessage(_ => text["Validation.Between", 0, 600]);
        RuleFor(w => w.SamplingPercent).InclusiveBetween(1, 100).When(w => w.SamplingPercent is not null).WithMessage(_ => text["Validation.Between", 1, 100]);
        RuleFor(w => w.SnoozeDaysAfterAnswer).InclusiveBetween(0, 365).When(w => w.SnoozeDaysAfterAnswer is not null).WithMessage(_ => text["Validation.Between", 0, 365]);
        RuleFor(w => w.SnoozeDaysAfterDismiss).InclusiveBetween(0, 365).When(w => w.SnoozeDaysAfterDismiss is not null).WithMessage(_ => text["Validation.Between", 0, 365]);
    }

    /// <summary>A path from the root, up to 200 printable characters without spaces, query or fragment; <c>*</c> is the only wildcard.</summary>
    [GeneratedRegex(@"^/[\x21-\x7E-[?#]]{0,199}$")]
    private static partial Regex PathPattern();
}

/// <summary>Origins as browsers send them in the <c>Origin</c> header: scheme, host and a port other than the default.</summary>
internal static class WidgetOrigins
{
    /// <summary>The origin in the form browsers send (lower case, no default port), or null when this is not one: only https, or http for localhost.</summary>
    public static string? Normalize(string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin) || origin.Length > 300 || origin.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '*' or '@')) return null;
        var trimmed = origin.EndsWith('/') ? origin[..^1] : origin;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return null;
        var loopback = uri.Host is "localhost" or "127.0.0.1" or "[::1]";
        if (!(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && loopback)) return null;
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        var canonical = $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{port}";
        // Only scheme://host[:port] itself (the host as typed or in its ASCII form), nothing after it.
        return string.Equals(trimmed, canonical, StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, $"{uri.Scheme}://{uri.Host}{port}", StringComparison.OrdinalIgnoreCase)
            ? canonical
            : null;
    }
}
