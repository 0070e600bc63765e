using Microsoft.AspNetCore.Http;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Cursor pagination: <c>limit</c> (1..100, default 50) and an opaque <c>cursor</c>; the answer has the
/// items and <c>next</c> (null on the last page), and a <c>Link: &lt;…&gt;; rel="next"</c> header.
/// The list is ordered by id and the cursor is the last item's id, so a page never repeats or skips a row
/// that existed when the first page was read.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw new RequestValidationException("limit", $"Use a limit from 1 to {MaxLimit}."),
        _ => limit.Value,
    };

    public static Guid? After(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return new Guid(Convert.FromBase64String(padded));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new RequestValidationException("cursor", "This cursor was not issued by this API; start again without one.");
        }
    }

    /// <summary>Takes one row more than the limit to know whether another page follows.</summary>
    public static Page<T> Of<T>(List<T> rowsPlusOne, int limit, Func<T, Guid> id)
    {
        if (rowsPlusOne.Count <= limit) return new Page<T>(rowsPlusOne, null);
        rowsPlusOne.RemoveAt(limit);
        var last = id(rowsPlusOne[^1]).ToByteArray();
        return new Page<T>(rowsPlusOne, Convert.ToBase64String(last).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    /// <summary>Adds the RFC 8288 Link header for the next page, keeping the request's other query parameters.</summary>
    public static Page<T> WithLink<T>(this Page<T> page, HttpContext context)
    {
        if (page.Next is null) return page;
        var query = context.Request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => q.Value.ToString());
        query["cursor"] = page.Next;
        var url = context.Request.PathBase + context.Request.Path + QueryString.Create(query!);
        context.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
        return page;
    }
}
