using MediatR;
using NpsCloud.Contracts.Goals;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.ChatChannels;

namespace NpsCloud.Webhooks.ForOtherModules;

/// <summary>A department's goal was reviewed: the company's channels and the department's get its status, the NPS against the target and a link to the department's goals.</summary>
internal sealed class PostChatAlertOfGoalReviewHandler(WebhooksDbContext db, ChatMessages messages, IMediator mediator, ChatSignal signal, TimeProvider clock)
    : QueueChatPosts<GoalReviewed>(db, signal, clock)
{
    protected override string TopicOf(GoalReviewed reviewed) => ChatTopics.GoalReviewed;

    protected override Guid? DepartmentOf(GoalReviewed reviewed) => reviewed.DepartmentId;

    protected override async Task<Func<ChatMessage>> PrepareAsync(GoalReviewed reviewed, CancellationToken cancellationToken)
    {
        var department = (await mediator.Send(new FindDepartment(reviewed.DepartmentId), cancellationToken))?.Name ?? "—";
        var facts = new GoalFacts(reviewed.DepartmentId, department, reviewed.Status, reviewed.PreviousStatus, reviewed.Nps, reviewed.TargetNps, reviewed.Responses,
            await messages.CompanyAsync(reviewed.TenantId, cancellationToken));
        return () => messages.GoalReviewed(facts);
    }
}
