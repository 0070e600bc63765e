using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Features.Import;

/// <summary>
/// <c>POST /responses/import</c>: up to a million answers from CSV or JSON lines, read as a stream and
/// written with one binary COPY (through a temporary table) in one transaction, so memory stays flat and a failed or abandoned import
/// stores nothing. Every row is checked first (the same rules as <c>POST /responses</c>, then its survey,
/// department and contact); a bad row is reported by line and field and never stops the good ones.
/// Imported answers are historical: they are reported once as <see cref="ResponsesImported"/> and open no follow-ups.
/// </summary>
internal static class ImportResponses
{
    /// <summary>A million rows of CSV with comments run to a few hundred megabytes.</summary>
    public const long MaxImportBytes = 2L * 1024 * 1024 * 1024;

    public const int MaxRows = 1_000_000;
    public const int MaxListedErrors = 1000;

    /// <summary>The longest JSON line, as CSV records are bounded: longer lines are refused while they are read, never buffered whole.</summary>
    public const int MaxLineBytes = 64 * 1024;
    private const int BatchSize = 5000;

    /// <summary>How long one statement of an import may take.</summary>
    public static readonly TimeSpan LongWork = TimeSpan.FromMinutes(30);

    /// <summary>The columns an import writes, in the order each row is written.</summary>
    private const string Columns =
        "tenant_id, id, survey_id, contact_id, department_id, touchpoint, channel, score, comment, locale, properties, import_id, responded_at, recorded_at, updated_at";

    public static class Formats
    {
        public const string Csv = "csv";
        public const string JsonLines = "jsonl";

        /// <summary>The format a request's Content-Type names, or null.</summary>
        public static string? FromContentType(string? contentType)
        {
            var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
            return mediaType switch
            {
                "text/csv" => Csv,
                "application/x-ndjson" or "application/jsonl" or "application/json-lines" or "application/x-jsonlines" => JsonLines,
                _ => null,
            };
        }
    }

    public sealed record Command(Stream Body, string Format) : IRequest<Result>, ITenantWrite;

    public sealed record RowError(int Line, string Field, string Message);

    /// <param name="Errors">The first <see cref="MaxListedErrors"/> problems; <paramref name="Rejected"/> counts every bad row.</param>
    public sealed record Result(Guid? ImportId, int Imported, int Rejected, IReadOnlyList<RowError> Errors);

    /// <summary>One row as a reader read it: the answer it holds, or why it holds none.</summary>
    public sealed record Row(int Line, RecordResponse.Command? Input, RowError? Error);

    public sealed class Handler(
        ResponsesDbContext db, IServiceScopeFactory scopes, IValidator<RecordResponse.Command> validator, ITenantContext tenant, IStringLocalizer<ResponsesText> text,
        TimeProvider clock, ImportSlots slots)
        : IRequestHandler<Command, Result>
    {
        /// <summary>The other modules, asked in a scope of their own: this scope's connection is busy with the COPY.</summary>
        private IMediator _otherModules = null!;

        private readonly Dictionary<Guid, SurveyInfo?> _surveys = [];
        private readonly Dictionary<Guid, bool> _departments = [];
        private readonly List<RowError> _errors = [];
        private int _rejected;

        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            using var slot = slots.Enter(tenant, text["Import.Busy", slots.MaxPerCompany]);
            await using var lookups = scopes.CreateForSameCaller(tenant);
            _otherModules = lookups.ServiceProvider.GetRequiredService<IMediator>();
            var now = clock.GetUtcNow();
            var importId = Guid.CreateVersion7(now);
            var tenantId = tenant.RequiredTenantId;
            var imported = 0;
            var rows = 0;

            // Moving a million rows takes longer than the default 30-second command timeout; the client's
            // cancellation (a closed connection) still stops it.
            db.Database.SetCommandTimeout(LongWork);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // PostgreSQL refuses COPY into a table with row-level security, so the rows are copied into a
            // temporary table first and moved with one INSERT, which the tenant policy checks.
            await db.Database.ExecuteSqlRawAsync($"""
                create temporary table response_import on commit drop as
                select {Columns} from responses.responses with no data
                """, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var copy = await connection.BeginBinaryImportAsync($"copy response_import ({Columns}) from stdin (format binary)", cancellationToken))
            {
                copy.Timeout = LongWork;
                var batch = new List<Row>(BatchSize);
                var reader = command.Format == Formats.Csv
                    ? new ResponseCsvReader(text).ReadAsync(command.Body, cancellationToken)
                    : new ResponseJsonLinesReader(text).ReadAsync(command.Body, cancellationToken);
                await foreach (var row in reader)
                {
                    if (++rows > MaxRows) throw new RequestValidationException("file", text["Import.TooManyRows", MaxRows]);
                    batch.Add(row);
                    if (batch.Count < BatchSize) continue;
                    imported += await WriteAsync(copy, batch, tenantId, importId, now, cancellationToken);
                    batch.Clear();
                }

                imported += await WriteAsync(copy, batch, tenantId, importId, now, cancellationToken);
                await copy.CompleteAsync(cancellationToken);
            }

            await db.Database.ExecuteSqlRawAsync(
                $"insert into responses.responses ({Columns}) select {Columns} from response_import", cancellationToken);

            if (imported > 0)
            {
                db.Publish(new ResponsesImported(Guid.CreateVersion7(now), tenantId, now, importId, imported));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new Result(imported > 0 ? importId : null, imported, _rejected, _errors.OrderBy(e => e.Line).ToList());
        }

        /// <summary>Checks a batch of rows and copies the good ones; answers how many it copied.</summary>
        private async Task<int> WriteAsync(
            NpgsqlBinaryImporter copy, List<Row> batch, Guid tenantId, Guid importId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var valid = new List<(int Line, RecordResponse.Command Input, SurveyInfo Survey)>(batch.Count);
            foreach (var row in batch)
            {
                if (row.Error is { } error)
                {
                    Reject(error);
                    continue;
                }

                var input = row.Input!;
                if (ControlCharacters.FindFields(input) is { Count: > 0 } controls)
                {
                    Reject(controls.Select(v => new RowError(row.Line, RequestValidationException.FieldName(v.Field), text["Import.ControlCharacters"])).ToArray());
                    continue;
                }

                var validation = validator.Validate(input);
                if (!validation.IsValid)
                {
                    Reject(validation.Errors.Select(f => new RowError(row.Line, RequestValidationException.FieldName(f.PropertyName), f.ErrorMessage)).ToArray());
                    continue;
                }

                if (await SurveyAsync(input.SurveyId!.Value, cancellationToken) is not { } survey)
                {
                    Reject(new RowError(row.Line, "surveyId", text["Import.UnknownSurvey"]));
                    continue;
                }

                if (input.DepartmentId is { } departmentId && !await DepartmentExistsAsync(departmentId, cancellationToken))
                {
                    Reject(new RowError(row.Line, "departmentId", text["Import.UnknownDepartment"]));
                    continue;
                }

                // COPY bypasses the DbContext and its department check, so the rule is applied here: a
                // caller limited to departments imports only into them (the lookups above are filtered too).
                if (!tenant.CanSee(input.DepartmentId ?? survey.DepartmentId))
                {
                    Reject(new RowError(row.Line, "departmentId", text["Import.OtherDepartment"]));
                    continue;
                }

                valid.Add((row.Line, input, survey));
            }

            var named = valid.Where(v => v.Input.ContactId is not null).Select(v => v.Input.ContactId!.Value).Distinct().ToList();
            var known = named.Count == 0 ? new Dictionary<Guid, ContactInfo>() : await _otherModules.Send(new FindContacts(named), cancellationToken);
            var emails = valid.Where(v => v.Input.ContactId is null).Select(v => v.Input.Email!).ToList();
            var resolved = emails.Count == 0 ? [] : await _otherModules.Send(new ResolveContacts(emails), cancellationToken);

            var copied = 0;
            var nextEmail = 0;
            foreach (var (line, input, survey) in valid)
            {
                Guid contactId;
                if (input.ContactId is { } id)
                {
                    if (!known.ContainsKey(id))
                    {
                        Reject(new RowError(line, "contactId", text["Import.UnknownContact"]));
                        continue;
                    }

                    contactId = id;
                }
                else
                {
                    contactId = resolved[nextEmail++];
                }

                var respondedAt = input.CreatedAt?.ToUniversalTime() ?? now; // PostgreSQL takes timestamptz values in UTC only
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(tenantId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(Guid.CreateVersion7(respondedAt), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(survey.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(contactId, NpgsqlDbType.Uuid, cancellationToken);
                await WriteNullableAsync(copy, input.DepartmentId ?? survey.DepartmentId, NpgsqlDbType.Uuid, cancellationToken);
                await WriteNullableAsync(copy, input.TrimmedTouchpoint ?? survey.Touchpoint, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(ResponseChannels.Import, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(input.Score!.Value, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, input.TrimmedComment, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(survey.Locale, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(input.PropertiesJson, NpgsqlDbType.Jsonb, cancellationToken);
                await copy.WriteAsync(importId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(respondedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                copied++;
            }

            return copied;
        }

        private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        {
            if (value is null) await copy.WriteNullAsync(cancellationToken);
            else await copy.WriteAsync(value, type, cancellationToken);
        }

        private void Reject(params RowError[] errors)
        {
            _rejected++;
            _errors.AddRange(errors.Take(MaxListedErrors - _errors.Count));
        }

        private async Task<SurveyInfo?> SurveyAsync(Guid id, CancellationToken cancellationToken)
        {
            if (!_surveys.TryGetValue(id, out var survey)) _surveys[id] = survey = await _otherModules.Send(new FindSurvey(id), cancellationToken);
            return survey;
        }

        private async Task<bool> DepartmentExistsAsync(Guid id, CancellationToken cancellationToken)
        {
            if (!_departments.TryGetValue(id, out var exists)) _departments[id] = exists = await _otherModules.Send(new FindDepartment(id), cancellationToken) is not null;
            return exists;
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await ImportAsync(request, mediator, cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Import up to a million answers from CSV (text/csv) or JSON lines (application/x-ndjson); bad rows are listed, good ones stored")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The import, for the API and the import page alike: the body is the file, streamed. It takes no
    /// Idempotency-Key: hashing the body would mean receiving the whole file before importing a row, and
    /// the body size limit is raised here, which is too late once something has read the body.
    /// </summary>
    public static async Task<Result> ImportAsync(HttpRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var format = Formats.FromContentType(request.ContentType)
            ?? throw new UnsupportedMediaTypeException("Send the file as text/csv or as JSON lines (application/x-ndjson).");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxImportBytes;
        return await mediator.Send(new Command(request.Body, format), cancellationToken);
    }
}
