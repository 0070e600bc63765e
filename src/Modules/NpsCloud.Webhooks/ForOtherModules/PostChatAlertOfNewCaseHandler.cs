using NpsCloud.Contracts.FollowUps;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.ChatChannels;

namespace NpsCloud.Webhooks.ForOtherModules;

/// <summary>A new case's alert is due (with its comment, or the late comment of one already posted): its channels get a post with the score, the comment and a link to the case.</summary>
internal sealed class PostChatAlertOfNewCaseHandler(WebhooksDbContext db, ChatMessages messages, ChatSignal signal, TimeProvider clock)
    : QueueChatPosts<FollowUpAlertDue>(db, signal, clock)
{
    protected override string TopicOf(FollowUpAlertDue alert) => alert.IsUpdate ? ChatTopics.CaseUpdate : ChatTopics.NewCase;

    protected override Guid? DepartmentOf(FollowUpAlertDue alert) => alert.DepartmentId;

    protected override async Task<Func<ChatMessage>> PrepareAsync(FollowUpAlertDue alert, CancellationToken cancellationToken)
    {
        var facts = await messages.GatherCaseAsync(alert.TenantId, alert.CaseId, alert.ResponseId, alert.DepartmentId, alert.Score, alert.AssigneeUserId, alert.DueAt, cancellationToken);
        return () => messages.NewCase(facts, alert.IsUpdate);
    }
}
