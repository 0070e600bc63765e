using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features;

/// <summary>
/// The filters of the responses list, its export and its page. <c>since</c>/<c>until</c> bound when the
/// person answered (until exclusive); <c>q</c> searches comments in English and Turkish at once (words,
/// "phrases", -exclusions, OR).
/// </summary>
internal sealed record ResponseFilter(
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    Guid? SurveyId = null,
    Guid? DepartmentId = null,
    string? Touchpoint = null,
    string? Category = null,
    bool? HasComment = null,
    string? Tag = null,
    string? Q = null)
{
    public const int MaxQueryLength = 200;

    /// <summary>Refuses filters that make no sense, naming the parameter.</summary>
    public void Validate()
    {
        if (Since is not null && Until is not null && Since >= Until) throw new RequestValidationException("until", "Until must be after since.");
        if (!string.IsNullOrEmpty(Category) && !NpsCategories.All.Contains(Category)) throw new RequestValidationException("category", "Use promoter, passive or detractor.");
        if (Q?.Trim().Length > MaxQueryLength) throw new RequestValidationException("q", $"Search for at most {MaxQueryLength} characters.");
    }

    public IQueryable<Response> Apply(IQueryable<Response> responses)
    {
        Validate();
        if (Since is { } since) responses = responses.Where(r => r.RespondedAt >= since);
        if (Until is { } until) responses = responses.Where(r => r.RespondedAt < until);
        if (SurveyId is { } surveyId) responses = responses.Where(r => r.SurveyId == surveyId);
        if (DepartmentId is { } departmentId) responses = responses.Where(r => r.DepartmentId == departmentId);
        if (!string.IsNullOrWhiteSpace(Touchpoint))
        {
            var touchpoint = Touchpoint.Trim();
            responses = responses.Where(r => r.Touchpoint == touchpoint);
        }

        if (!string.IsNullOrEmpty(Category)) responses = responses.Where(r => r.Category == Category);

        if (HasComment is { } hasComment) responses = responses.Where(r => (r.Comment != null) == hasComment);
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            var tag = Tags.Normalize(Tag);
            responses = responses.Where(r => r.Tags.Contains(tag));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            responses = responses.Where(r => r.Search.Matches(
                EF.Functions.WebSearchToTsQuery("english", q).Or(EF.Functions.WebSearchToTsQuery("turkish", q))));
        }

        return responses;
    }
}

/// <summary><c>GET /responses</c>: newest first (by id, which follows answer time), cursor pagination.</summary>
internal static class ListResponses
{
    public sealed record Query(ResponseFilter Filter, int? Limit, string? Cursor) : IRequest<Page<ResponseView>>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator) : IRequestHandler<Query, Page<ResponseView>>
    {
        public async Task<Page<ResponseView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var responses = query.Filter.Apply(db.Visible.AsNoTracking());
            if (Paging.After(query.Cursor) is { } after) responses = responses.Where(r => r.Id < after);
            var rows = await responses.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, r => r.Id);
            return new Page<ResponseView>(await ResponseView.ManyAsync(mediator, page.Items, cancellationToken), page.Next);
        }
    }
}

/// <summary><c>GET /responses/{id}</c>: one response with its notes.</summary>
internal static class GetResponse
{
    public sealed record Query(Guid Id) : IRequest<ResponseView>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator) : IRequestHandler<Query, ResponseView>
    {
        public async Task<ResponseView> Handle(Query query, CancellationToken cancellationToken)
        {
            var response = await ResponseRules.FindAsync(db, query.Id, cancellationToken);
            var notes = await db.Notes.AsNoTracking().Where(n => n.ResponseId == response.Id).OrderBy(n => n.CreatedAt)
                .Select(n => new ResponseView.Note(n.Id, n.Author, n.Text, n.CreatedAt)).ToListAsync(cancellationToken);
            var contacts = response.ContactId is { } contactId ? await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken) : new Dictionary<Guid, ContactInfo>();
            return ResponseView.From(response, contacts, notes);
        }
    }
}

/// <summary>
/// CSV export of a filtered list, written while it is read (a thousand rows at a time, newest first), so
/// an export of millions needs no more memory than one of ten. Cells that a spreadsheet would run as a
/// formula are prefixed with an apostrophe.
/// </summary>
internal static class ExportResponses
{
    private const int ChunkSize = 1000;

    public static readonly string[] Columns =
        ["id", "respondedAt", "surveyId", "survey", "contactId", "email", "score", "category", "comment", "departmentId", "touchpoint", "channel", "tags", "locale"];

    public sealed record Command(ResponseFilter Filter, Stream Output) : IRequest<int>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var surveys = (await mediator.Send(new ListSurveyInfos(), cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
            var filtered = command.Filter.Apply(db.Visible.AsNoTracking());
            await using var writer = new StreamWriter(command.Output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
            await writer.WriteLineAsync(string.Join(',', Columns));
            var written = 0;
            Guid? after = null;
            while (true)
            {
                var chunk = after is { } last ? filtered.Where(r => r.Id < last) : filtered;
                var rows = await chunk.OrderByDescending(r => r.Id).Take(ChunkSize).ToListAsync(cancellationToken);
                if (rows.Count == 0) break;
                var ids = rows.Where(r => r.ContactId is not null).Select(r => r.ContactId!.Value).Distinct().ToList();
                var contacts = ids.Count == 0 ? new Dictionary<Guid, ContactInfo>() : await mediator.Send(new FindContacts(ids, OfVisibleRows: true), cancellationToken);
                foreach (var r in rows)
                {
                    var email = r.ContactId is { } contactId && contacts.TryGetValue(contactId, out var contact) ? contact.Email : null;
                    await writer.WriteLineAsync(string.Join(',',
                        r.Id.ToString(), r.RespondedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), r.SurveyId.ToString(), Cell(surveys.GetValueOrDefault(r.SurveyId)),
                        r.ContactId?.ToString() ?? "", Cell(email), r.Score.ToString(), r.Category, Cell(r.Comment), r.DepartmentId?.ToString() ?? "",
                        Cell(r.Touchpoint), r.Channel, Cell(string.Join('|', r.Tags)), r.Locale ?? ""));
                }

                written += rows.Count;
                after = rows[^1].Id;
                await writer.FlushAsync(cancellationToken);
            }

            return written;
        }
    }

    /// <summary>RFC 4180 quoting, and no formula injection: =, +, -, @ (and tab, CR) at the start are neutralised.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
