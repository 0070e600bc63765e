using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Cursor pagination: <c>limit</c> (1..100, default 50) and an opaque <c>cursor</c>; the answer has the
/// items and <c>next</c> (null on the last page), and a <c>Link: &lt;…&gt;; rel="next"</c> header.
/// The list is ordered by id and the cursor is the last item's id, so a page never repeats or skips a row
/// that existed when the first page was read.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next)
{
    public Page<TView> Map<TView>(Func<T, TView> view) => new(Items.Select(view).ToList(), Next);
}

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

    /// <summary>
    /// One page of <paramref name="rows"/> in id order (descending when <paramref name="newestFirst"/>, as
    /// UUIDv7 ids follow creation time), after the cursor's id.
    /// </summary>
    public static async Task<Page<TRow>> PageAsync<TRow>(
        this IQueryable<TRow> rows, Expression<Func<TRow, Guid>> id, int? limit, string? cursor, bool newestFirst, CancellationToken cancellationToken)
    {
        var take = Limit(limit);
        if (After(cursor) is { } after)
        {
            // A captured value rather than a constant, so the database sees a parameter and reuses its plan.
            var last = Expression.Property(Expression.Constant(new Bound(after)), nameof(Bound.Id));
            var beyond = newestFirst ? Expression.LessThan(id.Body, last) : Expression.GreaterThan(id.Body, last);
            rows = rows.Where(Expression.Lambda<Func<TRow, bool>>(beyond, id.Parameters));
        }

        var ordered = newestFirst ? rows.OrderByDescending(id) : rows.OrderBy(id);
        return Of(await ordered.Take(take + 1).ToListAsync(cancellationToken), take, id.Compile());
    }

    private sealed record Bound(Guid Id);

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
