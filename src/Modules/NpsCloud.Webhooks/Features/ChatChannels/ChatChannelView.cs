using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>
/// A chat channel as the API shows it: never its address, only <paramref name="Address"/>, the host and
/// the last four characters (enough to tell two channels apart, not to post to one).
/// </summary>
/// <param name="Kind"><c>slack</c> or <c>teams</c>.</param>
/// <param name="DepartmentId">Null for the company's channel, which gets every post.</param>
/// <param name="Language"><c>tr</c> or <c>en</c>.</param>
/// <param name="LastPost">The newest post and how it went; null before the first.</param>
internal sealed record ChatChannelView(
    Guid Id, string Kind, Guid? DepartmentId, string Language, string Address, DateTimeOffset CreatedAt, ChatPostView? LastPost)
{
    public static ChatChannelView From(ChatChannel channel, ChatPost? lastPost) =>
        new(channel.Id, channel.Kind, channel.DepartmentId, channel.Language, channel.UrlHint, channel.CreatedAt, lastPost is null ? null : ChatPostView.From(lastPost));
}

/// <summary>One post to a chat channel.</summary>
/// <param name="Topic"><c>case.new</c>, <c>case.update</c>, <c>case.escalated</c>, <c>goal.reviewed</c> or <c>test</c>.</param>
/// <param name="Status"><c>pending</c> (waiting for its next attempt), <c>succeeded</c> or <c>failed</c>.</param>
internal sealed record ChatPostView(
    Guid Id, string Topic, string Status, int Attempts, DateTimeOffset? NextAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static ChatPostView From(ChatPost post) =>
        new(post.Id, post.Topic, post.Status, post.Attempts, post.NextAttemptAt, post.LastStatusCode, post.LastError, post.CreatedAt, post.CompletedAt);
}
