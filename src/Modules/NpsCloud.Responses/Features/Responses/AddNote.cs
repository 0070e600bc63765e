using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>Internal notes on a response: who said what, when. Kept until the response goes.</summary>
internal static class AddNote
{
    public sealed record Command(Guid ResponseId, string Author, [MultiLine] string? Text) : IRequest<ResponseView.Note>, ITenantWrite;

    public sealed class Handler(ResponsesDbContext db, TimeProvider clock) : IRequestHandler<Command, ResponseView.Note>
    {
        public async Task<ResponseView.Note> Handle(Command command, CancellationToken cancellationToken)
        {
            var text = command.Text?.Trim();
            if (string.IsNullOrEmpty(text)) throw new RequestValidationException("text", "Write the note.");
            if (text.Length > ResponseNote.MaxLength) throw new RequestValidationException("text", $"A note has at most {ResponseNote.MaxLength} characters.");
            var response = await ResponseRules.FindAsync(db, command.ResponseId, cancellationToken);
            var now = clock.GetUtcNow();
            var note = new ResponseNote { Id = Guid.CreateVersion7(now), ResponseId = response.Id, Author = command.Author, Text = text, CreatedAt = now };
            db.Notes.Add(note);
            await db.SaveChangesAsync(cancellationToken);
            return new ResponseView.Note(note.Id, note.Author, note.Text, note.CreatedAt);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/notes", async (Guid id, ResponsesNoteBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var note = await mediator.Send(new Command(id, Author(user), body.Text), cancellationToken);
                return Results.Created($"/api/v1/responses/{id}", note);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Add an internal note ({\"text\": \"...\"}); notes are never shown to the respondent")
            .Produces<ResponseView.Note>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Who wrote a note: the signed-in person's name, or the API key.</summary>
    public static string Author(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.GivenName) ?? (user.FindFirstValue(ApiKeyClaims.KeyId) is { } key ? $"API key {key}" : "API");
}

/// <summary>The body of <c>POST /responses/{id}/notes</c> (its name is the OpenAPI schema's, as before the slices moved out of the endpoints class).</summary>
internal sealed record ResponsesNoteBody(string? Text);
