using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>
/// CSV import: a header row with an <c>email</c> column (and optionally <c>name</c> and <c>locale</c>);
/// every other column becomes a property. Read as a stream and saved in batches; a bad row is reported
/// with its line and field and never stops the good ones.
/// </summary>
internal static class ImportContacts
{
    public const int BatchSize = 500;

    public sealed record Command(Stream Csv) : IRequest<Result>, ITenantWrite, IManagersOnly;

    public sealed record RowError(int Line, string Field, string Message);

    public sealed record Result(int Created, int Updated, int Rejected, IReadOnlyList<RowError> Errors);

    public sealed class Handler(
        SurveysDbContext db, IValidator<UpsertContact.Command> validator, IStringLocalizer<SurveysText> text, TimeProvider clock, ImportSlots slots, ITenantContext tenant)
        : IRequestHandler<Command, Result>
    {
        /// <summary>At most this many row errors are listed (all are counted).</summary>
        private const int MaxListedErrors = 1000;

        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            using var slot = slots.Enter(tenant, text["Import.Busy", slots.MaxPerCompany]);
            // Separator detected (comma, semicolon, tab or bar: Excel in Turkish writes semicolons);
            // values trimmed; short rows read as empty fields.
            await using var csv = CsvReader.Create(command.Csv, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, MaxRecordSize = 64 * 1024 }, leaveOpen: true);
            IReadOnlyList<string> columns;
            try
            {
                // Asynchronously: a request body must not be read synchronously.
                await csv.ReadHeaderAsync(cancellationToken);
                columns = csv.Headers;
            }
            catch (CsvFormatException)
            {
                throw new RequestValidationException("file", text["Import.NoEmailColumn"]);
            }

            if (!columns.Any(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                throw new RequestValidationException("file", text["Import.NoEmailColumn"]);
            }

            int created = 0, updated = 0, rejected = 0, pending = 0;
            var errors = new List<RowError>();
            while (await csv.ReadAsync(cancellationToken))
            {
                var line = (int)csv.LineNumber;
                var properties = new JsonObject();
                string? email = null, name = null, locale = null;
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = i < csv.FieldCount ? csv.GetString(i).Trim() : "";
                    switch (columns[i].Trim().ToLowerInvariant())
                    {
                        case "email": email = value; break;
                        case "name": name = value.Length == 0 ? null : value; break;
                        case "locale": locale = value.Length == 0 ? null : value.ToLowerInvariant(); break;
                        default:
                            if (value.Length > 0 && columns[i].Trim().Length > 0) properties[columns[i].Trim()] = value;
                            break;
                    }
                }

                var row = new UpsertContact.Command(email ?? "", name, locale, JsonSerializer.SerializeToElement(properties));
                var validation = await validator.ValidateAsync(row, cancellationToken);
                // The same control-character check as every request: a row is not a request of its own.
                var failures = ControlCharacters.FindFields(row).Select(v => (v.Field, Message: text["Import.ControlCharacters"].Value))
                    .Concat(validation.Errors.Select(f => (Field: f.PropertyName, Message: f.ErrorMessage))).ToList();
                if (failures.Count > 0)
                {
                    rejected++;
                    foreach (var failure in failures.Take(MaxListedErrors - errors.Count))
                    {
                        errors.Add(new RowError(line, RequestValidationException.FieldName(failure.Field), failure.Message));
                    }

                    continue;
                }

                var (_, isNew) = await ContactRules.UpsertAsync(db, row.Email, row.Name, row.Locale, row.Properties, clock.GetUtcNow(), cancellationToken);
                if (isNew) created++;
                else updated++;
                if (++pending == BatchSize)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    pending = 0;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(created, updated, rejected, errors);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        // No Idempotency-Key: hashing the body would mean receiving the whole file before importing a row.
        // Importing the same file again updates the same contacts.
        group.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
                {
                    throw new UnsupportedMediaTypeException("Send the file as text/csv.");
                }

                return Results.Ok(await mediator.Send(new ImportContacts.Command(request.Body), cancellationToken));
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Import contacts from CSV (header row with email; name, locale; other columns become properties)")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .Accepts<string>("text/csv")
            .Produces<ImportContacts.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
