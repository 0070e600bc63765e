using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.Demo;

/// <summary>
/// <c>./nps run --demo</c>, after the demo answers: follow-up cases on the newest unhappy answers, two in
/// each state the inbox shows (open, overdue, contacted, resolved), assigned as real ones would be.
/// Imported answers open no cases by themselves, so these are added directly. Added once.
/// </summary>
internal sealed class FollowUpsDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    private static readonly string[] States = ["open", "open", "overdue", "overdue", "contacted", "contacted", "resolved", "resolved"];

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        if (await mediator.Send(new FindDemoTenant(), cancellationToken) is not { } tenantId) return [];
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<FollowUpsDbContext>();
        if (await db.Cases.AnyAsync(cancellationToken)) return ["Follow-ups: the demo cases are in place (see /app/follow-ups)."];

        var answers = await mediator.Send(new FindRecentResponses([NpsCategories.Detractor], States.Length), cancellationToken);
        if (answers.Count == 0) return [];
        var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
        var owner = (await mediator.Send(new ListTenantManagers(), cancellationToken)).FirstOrDefault(u => u.Role == Roles.Owner);
        var now = clock.GetUtcNow();
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            var state = States[i];
            var department = answer.DepartmentId is { } id ? await mediator.Send(new FindDepartment(id), cancellationToken) : null;
            var assignee = department?.HeadUserId ?? owner?.Id;
            var sla = department?.FollowUpSlaHours ?? profile.FollowUpSlaHours;
            // Open cases were opened an hour ago; the others long enough ago to be past their SLA.
            var openedAt = state == "open" ? now.AddHours(-1 - i) : now.AddHours(-sla - 24 - i);
            var followUp = new FollowUpCase
            {
                Id = Guid.CreateVersion7(openedAt),
                ResponseId = answer.Id,
                SurveyId = answer.SurveyId,
                ContactId = answer.ContactId,
                DepartmentId = answer.DepartmentId,
                Kind = CaseKinds.CloseTheLoop,
                Status = FollowUpStatuses.Open,
                OpeningScore = answer.Score,
                Score = answer.Score,
                ScoreRevision = answer.Revision,
                AssigneeUserId = assignee,
                OpenedAt = openedAt,
                DueAt = openedAt.AddHours(sla),
                UpdatedAt = openedAt,
            };
            db.Cases.Add(followUp);
            db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Opened, CaseActor.System, openedAt, status: FollowUpStatuses.Open, userId: assignee, score: answer.Score));
            var actor = new CaseActor(assignee, department?.Name is { } name ? $"{name}" : owner?.Name ?? "NpsCloud");
            if (state is "contacted" or "resolved")
            {
                var contactedAt = openedAt.AddHours(sla / 2.0);
                followUp.ChangeStatus(CaseTransitions.Contacted, null, contactedAt);
                db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Note, actor, contactedAt, text: "Müşteriyi aradım, özür diledim; teslimat ekibiyle konuşacağım."));
                db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Status, actor, contactedAt, status: FollowUpStatuses.Contacted));
            }

            if (state == "resolved")
            {
                var resolvedAt = openedAt.AddHours(sla);
                followUp.ChangeStatus(CaseTransitions.Resolved, "Ücret iadesi yapıldı, müşteri memnun.", resolvedAt);
                db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Status, actor, resolvedAt, status: FollowUpStatuses.Resolved, text: followUp.Outcome));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return [$"Follow-ups: {answers.Count} cases on the newest detractors, open, overdue, contacted and resolved (see /app/follow-ups)."];
    }
}
