using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Features.Import;

/// <summary>
/// CSV with a header row naming the columns (surveyId, email or contactId, score, and optionally comment,
/// createdAt, departmentId, touchpoint); every other column becomes a property. Comma, semicolon or tab.
/// </summary>
internal sealed class ResponseCsvReader(IStringLocalizer<ResponsesText> text)
{
    public async IAsyncEnumerable<ImportResponses.Row> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var csv = CsvReader.Create(body, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, MaxRecordSize = 64 * 1024 }, leaveOpen: true);
        string[] columns;
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            columns = csv.Headers.Select(h => h.Trim()).ToArray();
        }
        catch (CsvFormatException)
        {
            throw new RequestValidationException("file", text["Import.NoHeader"]);
        }

        var missing = new[] { "surveyId", "score" }.Where(c => !columns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (!columns.Contains("email", StringComparer.OrdinalIgnoreCase) && !columns.Contains("contactId", StringComparer.OrdinalIgnoreCase))
        {
            missing.Add("email");
        }

        if (missing.Count > 0) throw new RequestValidationException("file", text["Import.MissingColumns", string.Join(", ", missing)]);

        while (await csv.ReadAsync(cancellationToken))
        {
            var line = (int)csv.LineNumber;
            yield return ParseRow(line, columns, i => i < csv.FieldCount ? csv.GetString(i).Trim() : "");
        }
    }

    private ImportResponses.Row ParseRow(int line, string[] columns, Func<int, string> field)
    {
        Guid? surveyId = null, contactId = null, departmentId = null;
        int? score = null;
        DateTimeOffset? createdAt = null;
        string? email = null, comment = null, touchpoint = null;
        JsonObject? properties = null;
        for (var i = 0; i < columns.Length; i++)
        {
            var value = field(i);
            if (value.Length == 0) continue;
            var column = columns[i];
            switch (column.ToLowerInvariant())
            {
                case "surveyid":
                    if (!Guid.TryParse(value, out var survey)) return Bad(line, "surveyId", text["Import.NotAnId"]);
                    surveyId = survey;
                    break;
                case "contactid":
                    if (!Guid.TryParse(value, out var contact)) return Bad(line, "contactId", text["Import.NotAnId"]);
                    contactId = contact;
                    break;
                case "departmentid":
                    if (!Guid.TryParse(value, out var department)) return Bad(line, "departmentId", text["Import.NotAnId"]);
                    departmentId = department;
                    break;
                case "score":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return Bad(line, "score", text["Validation.Score"]);
                    score = number;
                    break;
                case "createdat":
                    if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return Bad(line, "createdAt", text["Import.NotADate"]);
                    createdAt = at;
                    break;
                case "email": email = value; break;
                case "comment": comment = value; break;
                case "touchpoint": touchpoint = value; break;
                default:
                    if (column.Length > 0) (properties ??= [])[column] = value;
                    break;
            }
        }

        var json = properties is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(properties);
        return new ImportResponses.Row(line, new RecordResponse.Command(surveyId, email, contactId, score, comment, createdAt, departmentId, touchpoint, json), null);
    }

    private static ImportResponses.Row Bad(int line, string field, string message) => new(line, null, new ImportResponses.RowError(line, field, message));
}
