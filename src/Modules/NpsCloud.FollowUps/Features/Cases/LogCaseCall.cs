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
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>The body of <c>POST /follow-ups/{id}/calls</c>.</summary>
internal sealed record FollowUpsCallBody(string? Note, string? Outcome);

/// <summary>
/// <c>POST /follow-ups/{id}/calls</c>: a phone call with the person, kept in the history with what was said
/// and how it went (<c>reached</c> unless named: <c>no_answer</c>, <c>left_message</c>). A call that
/// reached the person is the first contact; one that did not leaves the case's status and due time alone.
/// </summary>
internal static class LogCaseCall
{
    public sealed record Command(Guid CaseId, [MultiLine] string? Note, string? Outcome, CaseActor Actor) : IRequest<CaseDetail.HistoryEntry>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text)
        {
            RuleFor(c => c.Note).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.CallNoteRequired"])
                .MaximumLength(CaseEvent.MaxNoteLength).WithMessage(_ => text["Validation.TooLong", CaseEvent.MaxNoteLength]);
            RuleFor(c => c.Outcome).Must(o => o is null || CallOutcomes.All.Contains(o))
                .WithMessage(_ => text["Validation.CallOutcome", string.Join(", ", CallOutcomes.All)]);
        }
    }

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Command, CaseDetail.HistoryEntry>
    {
        public async Task<CaseDetail.HistoryEntry> Handle(Command command, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, command.CaseId, cancellationToken, track: true);
            var now = clock.GetUtcNow();
            var outcome = command.Outcome ?? CallOutcomes.Reached;
            var call = CaseRules.Event(followUp, CaseEventKinds.Called, command.Actor, now, text: command.Note!.Trim());
            var detail = new CaseEventDetail { EventId = call.Id, CallOutcome = outcome };
            db.Events.Add(call);
            db.EventDetails.Add(detail);
            if (outcome == CallOutcomes.Reached) CaseRules.CountAsContact(db, tenant, followUp, command.Actor, now);
            await CaseRules.SaveAsync(db, cancellationToken);
            return CaseDetail.HistoryEntry.From(call, detail);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/calls", async (Guid id, FollowUpsCallBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var call = await mediator.Send(new LogCaseCall.Command(id, body.Note, body.Outcome, CaseRules.ActorOf(user, tenant)), cancellationToken);
                return Results.Created($"/api/v1/follow-ups/{id}", call);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Log a phone call ({\"note\": \"...\", \"outcome\": \"reached|no_answer|left_message\"}, reached by default); a call that reached the person is the first contact; honours Idempotency-Key")
            .Produces<CaseDetail.HistoryEntry>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
