using System.Text.Json;
using System.Text.Json.Nodes;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// What a chat post says, in words already in the channel's language: a title, the person's own words
/// (a comment, quoted), labelled facts, a footer line and a button to the page in NpsCloud. Rendered for
/// Slack as Block Kit and for Teams as an Adaptive Card by <see cref="Render"/>.
/// </summary>
internal sealed record ChatMessage(string Title, string? Quote, IReadOnlyList<(string Label, string Value)> Facts, string Footer, string ButtonLabel, Uri Link)
{
    /// <summary>Slack refuses a section text over 3000 characters; a quote is cut well before.</summary>
    public const int MaxQuoteLength = 2000;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string Render(string kind) => kind == ChatKinds.Slack ? Slack() : Teams();

    /// <summary>
    /// Block Kit: <c>text</c> (the notification and fallback), a section with the title and the quote in
    /// mrkdwn, a section of fields, a context line and an actions block with a link button.
    /// </summary>
    private string Slack()
    {
        var headline = $"*{Escape(Title)}*";
        var blocks = new JsonArray
        {
            Section(Quote is { } quote ? $"{headline}\n{QuoteLines(Cut(quote))}" : headline),
        };
        if (Facts.Count > 0)
        {
            // Slack takes at most ten fields a section.
            var fields = new JsonArray();
            foreach (var (label, value) in Facts.Take(10)) fields.Add(Mrkdwn($"*{Escape(label)}*\n{Escape(value)}"));
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Mrkdwn(Escape(Footer)) } });
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = ButtonLabel },
                    ["url"] = Link.AbsoluteUri,
                },
            },
        });
        var message = new JsonObject { ["text"] = Escape(Title), ["blocks"] = blocks };
        return message.ToJsonString(Json);
    }

    /// <summary>
    /// A Teams message: one attachment holding an Adaptive Card 1.4 with the title, the quote, a fact set,
    /// the footer and an Action.OpenUrl button (what both Teams incoming webhooks and Workflows accept).
    /// </summary>
    private string Teams()
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
        };
        if (Quote is { } quote) body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Cut(quote), ["wrap"] = true, ["isSubtle"] = false });
        if (Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var (label, value) in Facts) facts.Add(new JsonObject { ["title"] = label, ["value"] = value });
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Footer, ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true });
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = ButtonLabel, ["url"] = Link.AbsoluteUri } },
        };
        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };
        return message.ToJsonString(Json);
    }

    /// <summary>Slack's mrkdwn control characters, escaped as Slack asks: a person's words never become a link or a mention.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Each line after a literal "&gt;" (the quote marker, which is not the person's; theirs are escaped).</summary>
    private static string QuoteLines(string text) => string.Join('\n', text.Split('\n').Select(line => ">" + Escape(line)));

    /// <summary>The quote up to <see cref="MaxQuoteLength"/>, never cutting a character in two.</summary>
    private static string Cut(string text)
    {
        if (text.Length <= MaxQuoteLength) return text;
        var length = char.IsHighSurrogate(text[MaxQuoteLength - 1]) ? MaxQuoteLength - 1 : MaxQuoteLength;
        return text[..length] + "…";
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };
}
