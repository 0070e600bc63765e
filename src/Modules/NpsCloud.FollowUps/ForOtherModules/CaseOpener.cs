using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.ForOtherModules;

/// <summary>
/// Who follows up on an answer, and by when: detractors always, passives when the company asks for it
/// (a passive who left no comment is asked for feedback instead), promoters never. The case goes to the
/// department's head, else to the company's owner, due the department's SLA (else the company's) after
/// the answer was recorded. The case opens at once (the SLA clock starts at the score), but where the
/// comment can still follow the score (an emailed link, the widget) its alert waits for it, at most the
/// grace period (<see cref="FollowUpOptions.AlertGracePeriod"/>); an answer that came with its comment,
/// or from a channel where none can follow, alerts at once.
/// </summary>
internal sealed class CaseOpener(FollowUpsDbContext db, IMediator mediator, IOptions<FollowUpOptions> options)
{
    public async Task OpenIfNeededAsync(
        Guid tenantId, Guid responseId, Guid surveyId, Guid? contactId, Guid? departmentId, string channel, int score, bool hasComment, int revision,
        DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        var category = NpsCategories.Of(score);
        if (category == NpsCategories.Promoter) return;
        var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
        if (category == NpsCategories.Passive && !profile.FollowUpPassives) return;
        // The inbox row makes one event open one case; this makes the response's other events (an update) never open a second.
        if (await db.Cases.AnyAsync(c => c.ResponseId == responseId, cancellationToken)) return;

        var department = departmentId is { } id ? await mediator.Send(new FindDepartment(id), cancellationToken) : null;
        var assignee = department?.HeadUserId
            ?? (await mediator.Send(new ListTenantManagers(), cancellationToken)).FirstOrDefault(u => u.Role == Roles.Owner)?.Id;
        var slaHours = department?.FollowUpSlaHours ?? profile.FollowUpSlaHours;
        var followUp = new FollowUpCase
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(recordedAt),
            ResponseId = responseId,
            SurveyId = surveyId,
            ContactId = contactId,
            DepartmentId = departmentId,
            Kind = category == NpsCategories.Passive && !hasComment ? CaseKinds.AskForFeedback : CaseKinds.CloseTheLoop,
            Status = FollowUpStatuses.Open,
            OpeningScore = score,
            Score = score,
            ScoreRevision = revision,
            AssigneeUserId = assignee,
            OpenedAt = recordedAt,
            DueAt = recordedAt.AddHours(slaHours),
            UpdatedAt = recordedAt,
        };
        db.Cases.Add(followUp);
        db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Opened, CaseActor.System, recordedAt, status: FollowUpStatuses.Open, userId: assignee, score: score));
        db.Publish(new FollowUpCreated(Guid.CreateVersion7(recordedAt), tenantId, recordedAt, followUp.Id, responseId, surveyId, contactId, departmentId,
            followUp.Kind, score, assignee, followUp.DueAt));
        if (hasComment || !ResponseChannels.CommentMayFollow(channel)) db.Publish(followUp.AlertNow(hasComment, recordedAt)!);
        else followUp.AlertDueAt = recordedAt + options.Value.AlertGracePeriod;
    }
}
