using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>Tags the team puts on responses ("pricing", "late-delivery") to filter and count them. Stored lower-case, so "Pricing" and "pricing" are one tag.</summary>
internal static class ResponseTags
{
    public static string Normalize(string tag) => string.Join(' ', tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The tags a request names, normalized: at least one, each of 1 to <see cref="Response.MaxTagLength"/> characters.</summary>
    public static List<string> Valid(IReadOnlyList<string>? tags)
    {
        if (tags is not { Count: > 0 }) throw new RequestValidationException("tags", "Name at least one tag.");
        var normalized = tags.Select(t => Normalize(t ?? "")).Distinct().ToList();
        if (normalized.Any(t => t.Length is 0 or > Response.MaxTagLength))
        {
            throw new RequestValidationException("tags", $"A tag has 1 to {Response.MaxTagLength} characters.");
        }

        return normalized;
    }

    /// <summary>Stores the response's new tags (nothing when they are unchanged) and answers them.</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(ResponsesDbContext db, TimeProvider clock, Response response, List<string> tags, CancellationToken cancellationToken)
    {
        if (tags.SequenceEqual(response.Tags)) return response.Tags;
        response.Tags = tags;
        response.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return response.Tags;
    }

    /// <summary>The answer of the tag endpoints: the response's tags.</summary>
    public static async Task<ResponsesTagsBody> Tagged(Task<IReadOnlyList<string>> tags) => new(await tags);
}

/// <summary>The body and the answer of the tag endpoints (its name is the OpenAPI schema's, as before the slices moved out of the endpoints class).</summary>
internal sealed record ResponsesTagsBody(IReadOnlyList<string>? Tags);
