using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// CSV export of a filtered list, written while it is read (a thousand rows at a time, newest first), so
/// an export of millions needs no more memory than one of ten. Cells that a spreadsheet would run as a
/// formula are prefixed with an apostrophe. An answer flagged as suspected automation is exported with
/// <c>suspectedAutomation</c> true, so a sheet's own count can leave it out as the rollups do.
/// </summary>
internal static class ExportResponses
{
    private const int ChunkSize = 1000;

    public static readonly string[] Columns =
        ["id", "respondedAt", "surveyId", "survey", "contactId", "email", "score", "category", "comment", "departmentId", "touchpoint", "channel", "tags", "locale", "suspectedAutomation"];

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
                        Cell(r.Touchpoint), r.Channel, Cell(string.Join('|', r.Tags)), r.Locale ?? "", r.SuspectedAutomation ? "true" : "false"));
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

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/export", async ([AsParameters] ResponseFilter filter, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await WriteExportAsync(http, filter, mediator, cancellationToken);
                return Results.Empty;
            })
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The filtered list as CSV (streamed, any size)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

    /// <summary>The filtered list as CSV, for the API and the responses page alike.</summary>
    public static async Task WriteExportAsync(HttpContext http, ResponseFilter filter, IMediator mediator, CancellationToken cancellationToken)
    {
        filter.Validate(); // a bad filter answers 400 before the download starts
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"responses-{now:yyyyMMdd-HHmmss}.csv\"";
        await mediator.Send(new Command(filter, http.Response.Body), cancellationToken);
    }
}
