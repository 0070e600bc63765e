using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// A Slack or Microsoft Teams incoming-webhook address that alerts post to: the company's (every post) or
/// one department's (only that department's posts). Whoever has the address can post to the channel, so it
/// is stored encrypted (ASP.NET Core data protection) and shown afterwards only as its host and last
/// four characters.
/// </summary>
internal sealed class ChatChannel : ITenantOwned
{
    /// <summary>A company has at most this many chat channels.</summary>
    public const int MaxPerTenant = 20;

    public const int MaxUrlLength = 2048;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }

    /// <summary><see cref="ChatKinds"/>: which message format the channel takes.</summary>
    public required string Kind { get; init; }

    /// <summary>Null for the company's channel.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary><c>tr</c> or <c>en</c>: the language of its posts.</summary>
    public required string Language { get; init; }

    /// <summary>The incoming-webhook address, encrypted.</summary>
    public required string Url { get; init; }

    /// <summary>The host and the last four characters, e.g. <c>hooks.slack.com…x9Zq</c>.</summary>
    public required string UrlHint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string HintOf(Uri url)
    {
        var text = url.OriginalString;
        return $"{url.Host}…{text[^Math.Min(4, text.Length)..]}";
    }
}

internal static class ChatKinds
{
    /// <summary>Slack incoming webhooks (<c>https://hooks.slack.com/services/…</c>): Block Kit messages.</summary>
    public const string Slack = "slack";

    /// <summary>Microsoft Teams incoming webhooks or Workflows addresses: Adaptive Card messages.</summary>
    public const string Teams = "teams";

    public static readonly string[] All = [Slack, Teams];

    public const string SlackHost = "hooks.slack.com";
}

/// <summary>What a chat post tells of.</summary>
internal static class ChatTopics
{
    public const string NewCase = "case.new";

    /// <summary>The comment arrived after the new case's post went.</summary>
    public const string CaseUpdate = "case.update";

    public const string CaseEscalated = "case.escalated";
    public const string GoalReviewed = "goal.reviewed";

    /// <summary>Sent only on request (<c>POST /chat-channels/{id}/test</c>).</summary>
    public const string Test = "test";
}
