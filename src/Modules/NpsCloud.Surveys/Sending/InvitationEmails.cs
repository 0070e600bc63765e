using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// The invitation email: the question with the 0..10 scale as eleven one-click links, in the survey's
/// brand, with an unsubscribe link (and the List-Unsubscribe headers of RFC 2369 and RFC 8058).
/// </summary>
internal sealed class InvitationEmails(IStringLocalizer<SurveysText> text, IStringLocalizer<BuildingBlocksText> shared, SurveyWording wording, PublicLinks links)
{
    /// <summary>
    /// A score button's side in CSS pixels: a tap target, and "10" as wide as "0". Eleven of them (with
    /// their 2 px margins) fit one row in the 600 px card; on a 390 px phone they wrap into two rows of six
    /// and five, because each is an inline block of fixed width (with a table for Outlook, which ignores
    /// inline-block widths).
    /// </summary>
    public const int ScoreButtonSize = 44;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public sealed record Rendered(string Subject, string Text, string Html, Uri Unsubscribe);

    /// <summary>The invitation (or its reminder) as it goes out to its contact, with the headers every send carries.</summary>
    /// <remarks>
    /// The sender (ADR 0029): from the company's own address when it proved the domain, otherwise
    /// <c>"{sender name} via NpsCloud"</c> at the platform address (the configured From's), which passes
    /// SPF and DMARC as the platform; Reply-To brings customers' replies to the company either way.
    /// </remarks>
    public EmailMessage Compose(Survey survey, TenantProfile profile, Contact contact, Invitation invitation, string token, bool reminder)
    {
        var rendered = Render(survey, profile.Name, invitation.Locale, token, reminder, contact.Name);
        return new EmailMessage(contact.Email!, rendered.Subject, rendered.Text, rendered.Html)
        {
            ToName = contact.Name,
            FromName = profile.MailFromName,
            FromAddress = profile.SenderAddress,
            ReplyTo = profile.ReplyTo,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{rendered.Unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                // Derived from the invitation, so a repeated send is recognisably the same message.
                ["Message-ID"] = $"<{invitation.Id:N}{(reminder ? ".reminder" : "")}@npscloud.invalid>",
            },
        };
    }

    /// <summary>
    /// The first part of a contact's name, to greet them by ("Selin" of "Selin Yılmaz"); null when the
    /// name is unknown or is an address (nobody is greeted "Hello selin@...").
    /// </summary>
    public static string? FirstName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@')) return null;
        return name.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
    }

    public Rendered Render(Survey survey, string company, string locale, string token, bool reminder, string? contactName = null)
    {
        using var _ = CultureScope.Use(locale);
        var question = wording.Question(survey, locale, company);
        var greeting = FirstName(contactName) is { } firstName ? text["Email.Greeting", firstName].Value : null;
        var subject = reminder ? text["Email.ReminderSubject", company] : text["Email.Subject", company];
        var unsubscribe = links.To($"u/{token}");
        Uri Score(int score) => links.To($"r/{token}?score={score}");

        var plain = new StringBuilder();
        if (greeting is not null) plain.AppendLine(greeting).AppendLine();
        plain.AppendLine(question).AppendLine();
        plain.AppendLine(text["Email.ClickToAnswer"].Value).AppendLine();
        for (var score = 0; score <= 10; score++) plain.AppendLine($"{score}: {Score(score)}");
        var notLikely = $"0 = {shared["Scale.NotLikely"]}";
        var veryLikely = $"10 = {shared["Scale.VeryLikely"]}";
        plain.AppendLine().AppendLine($"{notLikely}, {veryLikely}").AppendLine();
        plain.AppendLine("--").AppendLine(text["Email.Why", company].Value);
        plain.AppendLine($"{text["Email.Unsubscribe"]}: {unsubscribe}");

        var brand = Html.Encode(survey.BrandColor);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{locale}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Html.Encode(subject)}</title></head>");
        html.Append($"<body style=\"margin:0;padding:16px 8px;background:{EmailColours.Page};font-family:Arial,Helvetica,sans-serif;color:{EmailColours.Text}\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"center\">");
        html.Append($"<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"max-width:600px;background:{EmailColours.Card};border:1px solid {EmailColours.Border};border-top:4px solid {brand};border-radius:12px\">");
        html.Append("<tr><td style=\"padding:24px 20px 8px\">");
        if (!string.IsNullOrEmpty(survey.LogoUrl))
        {
            html.Append($"<img src=\"{Html.Encode(survey.LogoUrl)}\" alt=\"{Html.Encode(company)}\" height=\"40\" style=\"display:block;margin:0 0 20px;max-height:40px\">");
        }
        else
        {
            html.Append($"<p style=\"margin:0 0 16px;font-weight:bold;color:{Html.Encode(EmailColours.ReadableOnCard(survey.BrandColor))}\">{Html.Encode(company)}</p>");
        }

        if (greeting is not null) html.Append($"<p style=\"margin:0 0 10px;font-size:16px\">{Html.Encode(greeting)}</p>");
        html.Append($"<h1 style=\"margin:0 0 8px;font-size:20px;line-height:1.35\">{Html.Encode(question)}</h1>");
        html.Append($"<p style=\"margin:0 0 18px;color:{EmailColours.Muted};font-size:14px\">{Html.Encode(text["Email.ClickToAnswer"])}</p>");
        html.Append("</td></tr><tr><td align=\"center\" style=\"padding:0 12px\">");
        // font-size:0 keeps the whitespace between the inline blocks from widening the gaps.
        html.Append("<div style=\"font-size:0;line-height:0;text-align:center\">");
        html.Append("<!--[if mso]><table role=\"presentation\" cellspacing=\"0\" cellpadding=\"0\" align=\"center\"><tr><![endif]-->");
        for (var score = 0; score <= 10; score++)
        {
            html.Append($"<!--[if mso]><td width=\"{ScoreButtonSize + 4}\" align=\"center\"><![endif]-->");
            html.Append($"<a href=\"{Html.Encode(Score(score).ToString())}\" aria-label=\"{score}\" data-score=\"{score}\" style=\"display:inline-block;width:{ScoreButtonSize}px;height:{ScoreButtonSize}px;");
            html.Append($"line-height:{ScoreButtonSize}px;margin:2px;background:{EmailColours.ForScore(score)};color:{EmailColours.OnScore};border-radius:6px;");
            html.Append($"font-weight:bold;font-size:16px;text-align:center;text-decoration:none\">{score}</a>");
            html.Append("<!--[if mso]></td><![endif]-->");
        }

        html.Append("<!--[if mso]></tr></table><![endif]--></div>");
        html.Append($"<table role=\"presentation\" width=\"100%\"><tr><td style=\"font-size:12px;color:{EmailColours.Muted};padding:6px 4px\">{Html.Encode(notLikely)}</td>");
        html.Append($"<td align=\"right\" style=\"font-size:12px;color:{EmailColours.Muted};padding:6px 4px\">{Html.Encode(veryLikely)}</td></tr></table>");
        html.Append("</td></tr>");
        html.Append($"<tr><td style=\"padding:20px;border-top:1px solid {EmailColours.Border};font-size:12px;color:{EmailColours.Muted}\">{Html.Encode(text["Email.Why", company])} ");
        html.Append($"<a href=\"{Html.Encode(unsubscribe.ToString())}\" style=\"color:{EmailColours.Muted}\">{Html.Encode(text["Email.Unsubscribe"])}</a></td></tr>");
        html.Append("</table></td></tr></table></body></html>");

        return new Rendered(subject, plain.ToString(), html.ToString(), unsubscribe);
    }
}
