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
internal sealed record FollowUpsStatusBody(string? Status, string? Outcome);

/// <summary>
/// <c>POST /follow-ups/{id}/status</c>: contacted, resolved, closed or reopened, with an optional outcome;
/// a change the case's status does not allow is a 409 (see <see cref="CaseTransitions"/>). Resolving
/// schedules the re-survey when the company asks for one.
/// </summary>
internal static class ChangeCaseStatus
{
    public sealed record Command(Guid CaseId, string? Status, [MultiLine] string? Outcome, CaseActor Actor) : IRequest<CaseView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text)
        {
            RuleFor(c => c.Status).Must(s => s is not null && CaseTransitions.Requests.Contains(s))
                .WithMessage(_ => text["Validation.Status", string.Join(", ", CaseTransitions.Requests)]);
            RuleFor(c => c.Outcome).MaximumLength(FollowUpCase.MaxOutcomeLength).WithMessage(_ => text["Validation.TooLong", FollowUpCase.MaxOutcomeLength]);
        }
    }

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, IMediator mediator, TimeProvider clock) : IRequestHandler<Command, CaseView>
    {
        public async Task<CaseView> Handle(Command command, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, command.CaseId, cancellationToken, track: true);
            var now = clock.GetUtcNow();
            var outcome = string.IsNullOrWhiteSpace(command.Outcome) ? null : command.Outcome.Trim();
            var previous = followUp.ChangeStatus(command.Status!, outcome, now);
            if (command.Status == CaseTransitions.Resolved)
            {
                var days = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).ResurveyAfterResolutionDays;
                followUp.ResurveyDueAt = days > 0 && followUp.ContactId is not null && followUp.ResurveyedAt is null ? now.AddDays(days) : null;
            }

            db.Events.Add(CaseRules.Event(followUp, CaseEventKinds.Status, command.Actor, now, status: followUp.Status, text: outcome));
            db.Publish(new FollowUpStatusChanged(Guid.CreateVersion7(now), tenant.RequiredTenantId, now, followUp.Id, followUp.ResponseId, followUp.DepartmentId,
                previous, followUp.Status, outcome, command.Actor.UserId));
            await CaseRules.SaveAsync(db, cancellationToken);
            return (await CaseView.ManyAsync(mediator, [followUp], now, cancellationToken))[0];
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/status", (Guid id, FollowUpsStatusBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new ChangeCaseStatus.Command(id, body.Status, body.Outcome, CaseRules.ActorOf(user, tenant)), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Mark the case contacted, resolved, closed or reopened ({\"status\": \"contacted\", \"outcome\": \"...\"}); a change its status does not allow is a 409")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
