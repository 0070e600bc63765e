using System.Globalization;
using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>The current company's touchpoints with their labels, sorted by key (answered once per scope by the Tenants module).</summary>
public sealed record ListTouchpoints : IRequest<TouchpointLabels>;

public sealed record TouchpointLabel(string Key, string LabelTr, string LabelEn)
{
    public string In(string language) => language == "tr" ? LabelTr : LabelEn;
}

/// <summary>The company's touchpoints; a stored key without a label shows as itself.</summary>
public sealed record TouchpointLabels(IReadOnlyList<TouchpointLabel> Items)
{
    public string Label(string? key, string language) =>
        key is null ? "" : Items.FirstOrDefault(t => t.Key == key)?.In(language) ?? key;

    /// <summary>The label in the reader's language (the request's UI culture).</summary>
    public string Label(string? key) => Label(key, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>
    /// A select's options in the reader's language: every touchpoint, and a chosen key that has no label
    /// (stored before the company labelled it, or deleted since) as itself, so choosing it again loses nothing.
    /// </summary>
    public IReadOnlyList<(string Key, string Label)> Choices(string? chosen)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var choices = Items.Select(t => (t.Key, Label: t.In(language))).ToList();
        if (!string.IsNullOrWhiteSpace(chosen) && Items.All(t => t.Key != chosen))
        {
            choices.Add((chosen, chosen));
        }

        return choices;
    }

    public static TouchpointLabels None { get; } = new([]);
}
