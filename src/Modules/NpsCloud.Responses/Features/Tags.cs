using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features;

/// <summary>Tags the team puts on responses ("pricing", "late-delivery") to filter and count them. Stored lower-case, so "Pricing" and "pricing" are one tag.</summary>
internal static class Tags
{
    public static string Normalize(string tag) => string.Join(' ', tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public sealed record Add(Guid ResponseId, IReadOnlyList<string>? Tags) : IRequest<IReadOnlyList<string>>, ITenantWrite;

    public sealed record Remove(Guid ResponseId, IReadOnlyList<string>? Tags) : IRequest<IReadOnlyList<string>>, ITenantWrite;

    public sealed class Handler(ResponsesDbContext db, TimeProvider clock) : IRequestHandler<Add, IReadOnlyList<string>>, IRequestHandler<Remove, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Add add, CancellationToken cancellationToken)
        {
            var tags = Valid(add.Tags);
            var response = await ResponseRules.FindAsync(db, add.ResponseId, cancellationToken, track: true);
            var merged = response.Tags.Union(tags).ToList();
            if (merged.Count > Response.MaxTags) throw new RequestValidationException("tags", $"A response has at most {Response.MaxTags} tags.");
            return await SaveAsync(response, merged, cancellationToken);
        }

        public async Task<IReadOnlyList<string>> Handle(Remove remove, CancellationToken cancellationToken)
        {
            var tags = Valid(remove.Tags);
            var response = await ResponseRules.FindAsync(db, remove.ResponseId, cancellationToken, track: true);
            return await SaveAsync(response, response.Tags.Except(tags).ToList(), cancellationToken);
        }

        private async Task<IReadOnlyList<string>> SaveAsync(Response response, List<string> tags, CancellationToken cancellationToken)
        {
            if (tags.SequenceEqual(response.Tags)) return response.Tags;
            response.Tags = tags;
            response.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return response.Tags;
        }

        private static List<string> Valid(IReadOnlyList<string>? tags)
        {
            if (tags is not { Count: > 0 }) throw new RequestValidationException("tags", "Name at least one tag.");
            var normalized = tags.Select(t => Normalize(t ?? "")).Distinct().ToList();
            if (normalized.Any(t => t.Length is 0 or > Response.MaxTagLength))
            {
                throw new RequestValidationException("tags", $"A tag has 1 to {Response.MaxTagLength} characters.");
            }

            return normalized;
        }
    }
}

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
}

/// <summary>A person erased (KVKK/GDPR): their comments and properties go; the scores stay, anonymous.</summary>
internal sealed class EraseRespondentData(ResponsesDbContext db, TimeProvider clock)
    : BuildingBlocks.Outbox.IdempotentEventHandler<Contracts.Surveys.ContactErased, ResponsesDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(Contracts.Surveys.ContactErased erased, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await Db.Responses.Where(r => r.ContactId == erased.ContactId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Comment, (string?)null).SetProperty(r => r.Properties, "{}").SetProperty(r => r.UpdatedAt, now), cancellationToken);
    }
}
