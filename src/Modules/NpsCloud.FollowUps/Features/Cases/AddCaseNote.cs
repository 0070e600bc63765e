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

/// <summary>The body of the endpoint (named as the OpenAPI document has always named it).</summary>
internal sealed record FollowUpsNoteBody(string? Text);

/// <summary><c>POST /follow-ups/{id}/notes</c>: what was said, promised or tried, kept in the case's history.</summary>
internal static class AddCaseNote
{
    public sealed record Command(Guid CaseId, [MultiLine] string? Text, CaseActor Actor) : IRequest<CaseDetail.HistoryEntry>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<FollowUpsText> text) =>
            RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.NoteRequired"])
                .MaximumLength(CaseEvent.MaxNoteLength).WithMessage(_ => text["Validation.TooLong", CaseEvent.MaxNoteLength]);
    }

    public sealed class Handler(FollowUpsDbContext db, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Command, CaseDetail.HistoryEntry>
    {
        public async Task<CaseDetail.HistoryEntry> Handle(Command command, CancellationToken cancellationToken)
        {
            var followUp = await CaseRules.FindAsync(db, tenant, command.CaseId, cancellationToken);
            var note = CaseRules.Event(followUp, CaseEventKinds.Note, command.Actor, clock.GetUtcNow(), text: command.Text!.Trim());
            db.Events.Add(note);
            await db.SaveChangesAsync(cancellationToken);
            return CaseDetail.HistoryEntry.From(note);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/notes", async (Guid id, FollowUpsNoteBody body, ClaimsPrincipal user, ITenantContext tenant, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var note = await mediator.Send(new AddCaseNote.Command(id, body.Text, CaseRules.ActorOf(user, tenant)), cancellationToken);
                return Results.Created($"/api/v1/follow-ups/{id}", note);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Add a note to the case's history ({\"text\": \"...\"}); honours Idempotency-Key")
            .Produces<CaseDetail.HistoryEntry>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
