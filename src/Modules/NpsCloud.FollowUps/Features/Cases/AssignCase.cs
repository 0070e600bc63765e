using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>The body of the endpoint (named as the OpenAPI document has always named it).</summary>
internal sealed record FollowUpsAssignBody(Guid? UserId);

/// <summary>
/// <c>POST /follow-ups/{id}/assign</c>: hands the case to someone who can work on it: an owner, an admin,
/// or a head of the case's department (a viewer, or another department's head, would never see it: 409).
/// The new assignee is alerted by email.
/// </summary>
internal static class AssignCase
{
    public sealed record Command(Guid CaseId, Guid? UserId, CaseActor Actor) : IRequest<CaseView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text) => RuleFor(c => c.UserId).NotEmpty().WithMessage(_ => text["Validation.UserRequired"]);
    }

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, TimeProvider clock) : IRequestHandler<Command, CaseView>
    {
        public async Task<CaseView> Handle(Command command, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, command.CaseId, cancellationToken, track: true);
            var userId = command.UserId!.Value;
            var users = await mediator.Send(new FindUsers([userId]), cancellationToken);
            if (!users.TryGetValue(userId, out var user)) throw new NotFoundException("The user");
            if (!user.Active) throw new ConflictException("This person's account is deactivated; assign someone who can sign in.");
            if (!Roles.MayWorkOn(user.Role, user.DepartmentIds, followUp.DepartmentId))
            {
                throw new ConflictException(Roles.Can(user.Role, Permission.Work)
                    ? "This department head does not look after the case's department, so they could not see it."
                    : "A viewer cannot work on follow-ups; assign an owner, an admin or the department's head.");
            }

            var now = clock.GetUtcNow();
            if (followUp.AssigneeUserId != userId)
            {
                var previous = followUp.AssigneeUserId;
                followUp.AssigneeUserId = userId;
                followUp.UpdatedAt = now;
                db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Assigned, command.Actor, now, userId: userId));
                db.Publish(new FollowUpAssigned(Guid.CreateVersion7(now), tenant.RequiredTenantId, now, followUp.Id, previous, userId, command.Actor.UserId));
                await CaseRules.SaveAsync(db, cancellationToken);
            }

            return CaseView.From(followUp, now, users);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/assign", (Guid id, FollowUpsAssignBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new AssignCase.Command(id, body.UserId, CaseRules.ActorOf(user, tenant)), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Give the case to someone ({\"userId\": \"...\"}): an owner, an admin or a head of its department, who is alerted by email")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
