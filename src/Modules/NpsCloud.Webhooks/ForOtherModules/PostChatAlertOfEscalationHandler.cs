using NpsCloud.Contracts.FollowUps;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.ChatChannels;

namespace NpsCloud.Webhooks.ForOtherModules;

/// <summary>A case was escalated (nobody contacted the person in time): its channels get a post with the score, the comment and a link to the case. Other status changes post nothing.</summary>
internal sealed class PostChatAlertOfEscalationHandler(WebhooksDbContext db, ChatMessages messages, ChatSignal signal, TimeProvider clock)
    : QueueChatPosts<FollowUpStatusChanged>(db, signal, clock)
{
    protected override string? TopicOf(FollowUpStatusChanged changed) => changed.Status == FollowUpStatuses.Escalated ? ChatTopics.CaseEscalated : null;

    protected override Guid? DepartmentOf(FollowUpStatusChanged changed) => changed.DepartmentId;

    protected override async Task<Func<ChatMessage>> PrepareAsync(FollowUpStatusChanged changed, CancellationToken cancellationToken)
    {
        var facts = await messages.GatherCaseAsync(changed.TenantId, changed.CaseId, changed.ResponseId, changed.DepartmentId, null, null, null, cancellationToken);
        return () => messages.Escalated(facts);
    }
}
