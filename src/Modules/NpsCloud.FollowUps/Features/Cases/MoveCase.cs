using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>The body of <c>POST /follow-ups/{id}/move</c>.</summary>
internal sealed record FollowUpsMoveBody(Guid? DepartmentId, string? Reason);

/// <summary>
/// <c>POST /follow-ups/{id}/move</c>: the cause lies with another department, so the case goes there, with
/// the reason why. It is assigned to the new department's head (the company's first owner when the
/// department has no head who can sign in), who is alerted by email; the history keeps from, to and why.
/// A department head may move a case to a department they do not look after; from then on it is theirs
/// no more (404), like any other department's case. A finished case stays where it was finished (409).
/// </summary>
internal static class MoveCase
{
    public const int MaxReasonLength = 1000;

    public sealed record Command(Guid CaseId, Guid? DepartmentId, [MultiLine] string? Reason, CaseActor Actor) : IRequest<CaseView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text)
        {
            RuleFor(c => c.DepartmentId).NotEmpty().WithMessage(_ => text["Validation.DepartmentRequired"]);
            RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => text["Validation.MoveReasonRequired"])
                .MaximumLength(MaxReasonLength).WithMessage(_ => text["Validation.TooLong", MaxReasonLength]);
        }
    }

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, IStringLocalizer<FollowUpsText> text, TimeProvider clock)
        : IRequestHandler<Command, CaseView>
    {
        public async Task<CaseView> Handle(Command command, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, command.CaseId, cancellationToken);
            var departmentId = command.DepartmentId!.Value;
            // Any department of the company, also one the caller does not look after; an archived or unknown one is not found.
            var department = (await mediator.Send(new ListEveryDepartment(), cancellationToken)).FirstOrDefault(d => d.Id == departmentId);
            if (department is null)
            {
                var archived = await mediator.Send(new FindDepartment(departmentId), cancellationToken);
                throw archived is { Archived: true } ? new ConflictException(text["Move.Archived", archived.Name]) : new NotFoundException("The department");
            }

            if (followUp.DepartmentId == departmentId) throw new ConflictException(text["Move.Same", department.Name]);
            if (followUp.IsFinished) throw new ConflictException(text["Move.Finished"]);

            var assignee = await NewAssigneeAsync(department, cancellationToken);
            var now = clock.GetUtcNow();
            var reason = command.Reason!.Trim();
            var from = followUp.DepartmentId;
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Written past the context's department check on purpose: the target department may be one
                // the caller does not see. The caller saw the case (above), and the status it read must still hold.
                var moved = await db.Cases.Where(c => c.Id == followUp.Id && c.Status == followUp.Status && c.DepartmentId == from)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.DepartmentId, departmentId)
                        .SetProperty(c => c.AssigneeUserId, assignee)
                        .SetProperty(c => c.UpdatedAt, now), cancellationToken);
                if (moved == 0) throw new ConflictException("The case changed while you were working on it; reload it and try again.");

                var entry = CaseRules.Event(followUp, CaseEventKinds.Moved, command.Actor, now, text: reason, userId: assignee);
                db.Events.Add(entry);
                db.EventDetails.Add(new CaseEventDetail { EventId = entry.Id, FromDepartmentId = from, ToDepartmentId = departmentId });
                if (assignee is { } newAssignee && newAssignee != followUp.AssigneeUserId)
                {
                    db.Publish(new FollowUpAssigned(Guid.CreateVersion7(now), tenant.RequiredTenantId, now, followUp.Id, followUp.AssigneeUserId, newAssignee, command.Actor.UserId));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });

            followUp.DepartmentId = departmentId;
            followUp.AssigneeUserId = assignee;
            followUp.UpdatedAt = now;
            return (await CaseView.ManyAsync(mediator, [followUp], now, cancellationToken))[0];
        }

        /// <summary>The department's head if they can work on it, else the company's first owner (as a new case of a department without a head).</summary>
        private async Task<Guid?> NewAssigneeAsync(DepartmentInfo department, CancellationToken cancellationToken)
        {
            if (department.HeadUserId is { } headId
                && (await mediator.Send(new FindUsers([headId]), cancellationToken)).TryGetValue(headId, out var head)
                && head.Active && Roles.MayWorkOn(head.Role, head.DepartmentIds, department.Id))
            {
                return headId;
            }

            return (await mediator.Send(new ListTenantManagers(), cancellationToken)).FirstOrDefault(m => m.Role == Roles.Owner)?.Id;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/move", (Guid id, FollowUpsMoveBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new MoveCase.Command(id, body.DepartmentId, body.Reason, CaseRules.ActorOf(user, tenant)), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Move the case to the department that owns the cause ({\"departmentId\": \"...\", \"reason\": \"...\"}); it goes to that department's head, who is alerted by email")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
