using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;

namespace NpsCloud.BuildingBlocks.Email;

/// <summary>
/// The plain, table-based HTML every product email shares (mail clients ignore stylesheets), and its
/// text twin. Paragraphs are plain text; everything is HTML-encoded here.
/// </summary>
public static class EmailLayout
{
    public static (string Text, string Html) Render(string heading, IReadOnlyList<string> paragraphs, string? buttonText, Uri? buttonUrl, string footer)
    {
        var text = new StringBuilder().AppendLine(heading).AppendLine();
        foreach (var paragraph in paragraphs) text.AppendLine(paragraph).AppendLine();
        if (buttonUrl is not null) text.AppendLine($"{buttonText}: {buttonUrl}").AppendLine();
        text.AppendLine("--").AppendLine(footer);

        var html = new StringBuilder();
        // The title names the message where a mail app or a screen reader shows the HTML on its own.
        html.Append($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{Encode(heading)}</title></head><body style=\"margin:0;padding:24px;background:{EmailColours.Page};font-family:Arial,Helvetica,sans-serif;color:{EmailColours.Text}\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"center\">");
        html.Append($"<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"max-width:560px;background:{EmailColours.Card};border:1px solid {EmailColours.Border};border-radius:12px\">");
        html.Append("<tr><td style=\"padding:28px 32px\">");
        html.Append($"<p style=\"margin:0 0 8px;color:{EmailColours.Accent};font-weight:bold\">NpsCloud</p><h1 style=\"margin:0 0 16px;font-size:22px\">{Encode(heading)}</h1>");
        foreach (var paragraph in paragraphs)
        {
            html.Append($"<p style=\"margin:0 0 14px;line-height:1.5\">{Encode(paragraph)}</p>");
        }

        if (buttonUrl is not null)
        {
            html.Append($"<p style=\"margin:22px 0\"><a href=\"{Encode(buttonUrl.ToString())}\" style=\"background:{EmailColours.Accent};color:{EmailColours.OnAccent};text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:bold;display:inline-block\">{Encode(buttonText ?? "")}</a></p>");
            html.Append($"<p style=\"margin:0 0 14px;font-size:12px;color:{EmailColours.Muted};word-break:break-all\">{Encode(buttonUrl.ToString())}</p>");
        }

        html.Append($"</td></tr><tr><td style=\"padding:16px 32px;border-top:1px solid {EmailColours.Border};font-size:12px;color:{EmailColours.Muted}\">{Encode(footer)}</td></tr>");
        html.Append("</table></td></tr></table></body></html>");
        return (text.ToString(), html.ToString());
    }

    // Turkish letters stay letters (WebUtility would turn ü into &#252;).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string value) => Html.Encode(value);
}

/// <summary>Renders texts in the recipient's language (en or tr), whatever the request's language is.</summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(string locale)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(locale);
    }

    public static CultureScope Use(string locale) => new(locale);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
