using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// CSV export of a filtered list, written while it is read (a thousand rows at a time, newest first), so
/// an export of millions needs no more memory than one of ten. Cells that a spreadsheet would run as a
/// formula are prefixed with an apostrophe. An answer flagged as suspected automation is exported with
/// <c>suspectedAutomation</c> true, so a sheet's own count can leave it out as the rollups do.
/// Two formats (ADR 0041): the machine format (the default: ids, UTC, English column names, commas, as
/// it always was) and <c>excel</c>, for people who open the file in a spreadsheet: the reader's language
/// for headers and values, its list separator (<c>;</c> in Turkish, where Excel reads a comma as a decimal
/// separator), times in the company's time zone, survey and department names instead of ids.
/// </summary>
internal static class ExportResponses
{
    private const int ChunkSize = 1000;

    public static readonly string[] Columns =
        ["id", "respondedAt", "surveyId", "survey", "contactId", "email", "score", "category", "comment", "departmentId", "touchpoint", "channel", "tags", "locale", "suspectedAutomation"];

    /// <summary>The columns of the <c>excel</c> format, in order; each is headed by <c>Export.Column.{name}</c> in the reader's language.</summary>
    public static readonly string[] ExcelColumns =
        ["respondedAt", "survey", "email", "score", "category", "comment", "department", "touchpoint", "channel", "tags", "locale", "suspectedAutomation"];

    public const string MachineFormat = "machine";
    public const string ExcelFormat = "excel";

    public sealed record Command(ResponseFilter Filter, Stream Output, string Format = MachineFormat) : IRequest<int>;

    /// <summary>The <c>format</c> query parameter: absent is the machine format; anything else but the two names is a 400 naming it.</summary>
    public static string ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or MachineFormat => MachineFormat,
        ExcelFormat => ExcelFormat,
        _ => throw new RequestValidationException("format", "Use machine or excel."),
    };

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, ITenantContext tenant, IStringLocalizer<ResponsesText> text) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var surveys = (await mediator.Send(new ListSurveyInfos(), cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
            var filtered = command.Filter.Apply(db.Visible.AsNoTracking());
            await using var writer = new StreamWriter(command.Output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
            var excel = command.Format == ExcelFormat ? await ExcelSheet.CreateAsync(mediator, tenant, text, cancellationToken) : null;
            // A sheet's lines end in CRLF (RFC 4180, and what Excel writes) whatever the server's platform.
            if (excel is not null) writer.NewLine = "\r\n";
            await writer.WriteLineAsync(excel is null ? string.Join(',', Columns) : excel.Header());
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
                    if (excel is not null)
                    {
                        await writer.WriteLineAsync(await excel.RowAsync(r, surveys.GetValueOrDefault(r.SurveyId), Email(r, contacts), cancellationToken));
                        continue;
                    }

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

        private static string? Email(Response r, IReadOnlyDictionary<Guid, ContactInfo> contacts) =>
            r.ContactId is { } contactId && contacts.TryGetValue(contactId, out var contact) ? contact.Email : null;
    }

    /// <summary>
    /// The <c>excel</c> format's rows: read in the request's language (headers, categories, channels, yes/no),
    /// separated by that language's list separator, with times in the company's time zone and names for ids.
    /// Department names come from the Tenants module (ListDepartmentInfos, then FindDepartment for an archived one).
    /// </summary>
    private sealed class ExcelSheet(IMediator mediator, IStringLocalizer<ResponsesText> text, CultureInfo culture, TimeZoneInfo zone, Dictionary<Guid, string> departments)
    {
        private readonly char _separator = Separator(culture);

        public static async Task<ExcelSheet> CreateAsync(IMediator mediator, ITenantContext tenant, IStringLocalizer<ResponsesText> text, CancellationToken cancellationToken)
        {
            var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            var departments = (await mediator.Send(new ListDepartmentInfos(), cancellationToken)).ToDictionary(d => d.Id, d => d.Name);
            return new ExcelSheet(mediator, text, CultureInfo.CurrentUICulture, zone, departments);
        }

        /// <summary>A semicolon where the language writes decimals with a comma (Turkish), else a comma: what Excel expects when it opens a .csv.</summary>
        public static char Separator(CultureInfo culture) => culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';

        public string Header() => string.Join(_separator, ExcelColumns.Select(column =>
            column == "respondedAt" ? Cell(text["Export.Column.respondedAt", zone.Id]) : Cell(text[$"Export.Column.{column}"])));

        public async Task<string> RowAsync(Response r, string? survey, string? email, CancellationToken cancellationToken)
        {
            var local = TimeZoneInfo.ConvertTime(r.RespondedAt, zone);
            return string.Join(_separator,
                local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Cell(survey), Cell(email), r.Score.ToString(culture),
                Cell(text[$"Category.{r.Category}"]), Cell(r.Comment), Cell(await DepartmentAsync(r.DepartmentId, cancellationToken)), Cell(r.Touchpoint),
                Cell(text[$"Channel.{r.Channel}"]), Cell(string.Join(", ", r.Tags)), r.Locale ?? "",
                Cell(text[r.SuspectedAutomation ? "Export.Yes" : "Export.No"]));
        }

        private string Cell(string? value) => ExportResponses.Cell(value, _separator);

        private async Task<string?> DepartmentAsync(Guid? id, CancellationToken cancellationToken)
        {
            if (id is not { } departmentId) return null;
            if (departments.TryGetValue(departmentId, out var name)) return name;
            name = (await mediator.Send(new FindDepartment(departmentId), cancellationToken))?.Name ?? "";
            departments[departmentId] = name;
            return name;
        }
    }

    /// <summary>RFC 4180 quoting, and no formula injection: =, +, -, @ (and tab, CR) at the start are neutralised.</summary>
    public static string Cell(string? value, char separator = ',')
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/export", async ([AsParameters] ResponseFilter filter, HttpContext http, IMediator mediator, CancellationToken cancellationToken,
                [System.ComponentModel.Description("machine (the default: ids, UTC, English column names, commas) or excel (for people: the Accept-Language's headers and separator, the company's time zone, names instead of ids)")]
                string? format = null) =>
            {
                await WriteExportAsync(http, filter, mediator, cancellationToken, format);
                return Results.Empty;
            })
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The filtered list as CSV (streamed, any size)")
            .WithDescription("format=machine (the default) is for programs and stays as it is; format=excel is for a spreadsheet in the reader's language (ADR 0041).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

    /// <summary>The filtered list as CSV, for the API and the responses page alike.</summary>
    public static async Task WriteExportAsync(HttpContext http, ResponseFilter filter, IMediator mediator, CancellationToken cancellationToken, string? format = null)
    {
        filter.Validate(); // a bad filter answers 400 before the download starts
        var parsed = ParseFormat(format);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"responses-{now:yyyyMMdd-HHmmss}.csv\"";
        await mediator.Send(new Command(filter, http.Response.Body, parsed), cancellationToken);
    }
}
