using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.Responses.Features.Import;

/// <summary>JSON lines: one object per line with the fields of <c>POST /responses</c>; blank lines are skipped.</summary>
internal sealed class ResponseJsonLinesReader(IStringLocalizer<ResponsesText> text)
{
    public async IAsyncEnumerable<ImportResponses.Row> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (line, content) in ReadBoundedLinesAsync(body, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(content)) continue;
            RecordResponse.Command? input;
            ImportResponses.RowError? error = null;
            try
            {
                input = JsonSerializer.Deserialize<RecordResponse.Command>(content, JsonOptions);
                if (input is null) error = new ImportResponses.RowError(line, "line", text["Import.NotAnObject"]);
            }
            catch (JsonException e)
            {
                input = null;
                var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "line" : e.Path.TrimStart('$', '.');
                error = new ImportResponses.RowError(line, field, field == "line" ? text["Import.NotAnObject"] : text["Import.WrongType"]);
            }

            yield return new ImportResponses.Row(line, error is null ? input : null, error);
        }
    }

    /// <summary>
    /// The body's lines (UTF-8, LF or CRLF, a leading byte order mark skipped) in memory bounded by
    /// <see cref="ImportResponses.MaxLineBytes"/>: a longer line stops the import with a 400 naming it as soon as the
    /// limit is passed, without reading the rest of it.
    /// </summary>
    private async IAsyncEnumerable<(int Line, string Content)> ReadBoundedLinesAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var current = new byte[ImportResponses.MaxLineBytes];
        var length = 0;
        var line = 0;
        var first = true;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var end = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var take = (end < 0 ? read : end) - start;
                if (length + take > ImportResponses.MaxLineBytes)
                {
                    throw new RequestValidationException("file", text["Import.LineTooLong", line + 1, ImportResponses.MaxLineBytes / 1024]);
                }

                Buffer.BlockCopy(buffer, start, current, length, take);
                length += take;
                if (end < 0) break;
                yield return (++line, Decode(current, length, ref first));
                length = 0;
                start = end + 1;
            }
        }

        if (length > 0) yield return (++line, Decode(current, length, ref first));
    }

    private static string Decode(byte[] bytes, int length, ref bool first)
    {
        var offset = 0;
        if (first && length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) offset = 3;
        first = false;
        if (length > offset && bytes[length - 1] == (byte)'\r') length--;
        return Encoding.UTF8.GetString(bytes, offset, Math.Max(0, length - offset));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
