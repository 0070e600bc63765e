using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>
/// Reads a contacts CSV and upserts its good rows: a header row with an <c>email</c> column (and
/// optionally <c>name</c> and <c>locale</c>); every other column becomes a property. Read as a stream
/// and saved in batches; a bad row is reported with its line and field and never stops the good ones.
/// Shared by <c>POST /contacts/import</c> and the CSV uploaded straight into a survey. A language other
/// than en and tr (a CRM's <c>de</c>) is no reason to lose the contact: it reads the company's language
/// instead, and the result warns of it per row.
/// </summary>
internal sealed class ContactCsv(
    SurveysDbContext db, IValidator<UpsertContact.Command> validator, IStringLocalizer<SurveysText> text, TimeProvider clock, ImportSlots slots, ITenantContext tenant,
    IMediator mediator)
{
    public const int BatchSize = 500;

    /// <summary>At most this many row errors are listed (all are counted).</summary>
    public const int MaxListedErrors = 1000;

    /// <param name="beforeSave">Called with the contacts of each batch (created or updated) just before the batch is saved, to add to it.</param>
    public async Task<ImportContacts.Result> ImportAsync(
        Stream file, Func<IReadOnlyCollection<Guid>, CancellationToken, Task>? beforeSave, CancellationToken cancellationToken)
    {
        using var slot = slots.Enter(tenant, text["Import.Busy", slots.MaxPerCompany]);
        // Separator detected (comma, semicolon, tab or bar: Excel in Turkish writes semicolons);
        // values trimmed; short rows read as empty fields.
        await using var csv = CsvReader.Create(file, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, MaxRecordSize = 64 * 1024 }, leaveOpen: true);
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

        int created = 0, updated = 0, rejected = 0;
        var batch = new HashSet<Guid>();
        var errors = new List<ImportContacts.RowError>();
        var warnings = new List<ImportContacts.RowError>();
        string? companyLocale = null;
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

            if (locale is not null && SupportedLocale(locale) is { } supported) locale = supported;
            else if (locale is not null && !ControlCharacters.IsForbidden(locale, multiLine: false))
            {
                companyLocale ??= (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).Locale;
                if (warnings.Count < MaxListedErrors) warnings.Add(new ImportContacts.RowError(line, "locale", text["Import.LocaleFallback", locale, text[$"Language.{companyLocale}"]]));
                locale = companyLocale;
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
                    errors.Add(new ImportContacts.RowError(line, RequestValidationException.FieldName(failure.Field), failure.Message));
                }

                continue;
            }

            var (contact, isNew) = await ContactRules.UpsertAsync(db, row.Email, row.Name, row.Locale, row.Properties, clock.GetUtcNow(), cancellationToken);
            if (isNew) created++;
            else updated++;
            batch.Add(contact.Id);
            if (batch.Count == BatchSize)
            {
                await SaveAsync(batch, beforeSave, cancellationToken);
                db.ChangeTracker.Clear();
                batch.Clear();
            }
        }

        await SaveAsync(batch, beforeSave, cancellationToken);
        return new ImportContacts.Result(created, updated, rejected, errors, warnings);
    }

    /// <summary>en or tr, also as a region's variant (en-GB, tr_TR); null for a language the product does not speak.</summary>
    private static string? SupportedLocale(string locale) =>
        locale.Length >= 2 && locale[..2] is "en" or "tr" && (locale.Length == 2 || locale[2] is '-' or '_') ? locale[..2] : null;

    private async Task SaveAsync(HashSet<Guid> batch, Func<IReadOnlyCollection<Guid>, CancellationToken, Task>? beforeSave, CancellationToken cancellationToken)
    {
        if (beforeSave is not null && batch.Count > 0) await beforeSave(batch, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
