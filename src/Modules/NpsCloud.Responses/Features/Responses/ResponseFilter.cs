using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Responses;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// The filters of the responses list, its export and its page. <c>since</c>/<c>until</c> bound when the
/// person answered (until exclusive); <c>q</c> searches comments in English and Turkish at once (words,
/// "phrases", -exclusions, OR).
/// </summary>
internal sealed record ResponseFilter(
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    Guid? SurveyId = null,
    Guid? DepartmentId = null,
    string? Touchpoint = null,
    string? Category = null,
    bool? HasComment = null,
    string? Tag = null,
    string? Q = null)
{
    public const int MaxQueryLength = 200;

    /// <summary>Refuses filters that make no sense, naming the parameter.</summary>
    public void Validate()
    {
        if (Since is not null && Until is not null && Since >= Until) throw new RequestValidationException("until", "Until must be after since.");
        if (!string.IsNullOrEmpty(Category) && !NpsCategories.All.Contains(Category)) throw new RequestValidationException("category", "Use promoter, passive or detractor.");
        if (Q?.Trim().Length > MaxQueryLength) throw new RequestValidationException("q", $"Search for at most {MaxQueryLength} characters.");
    }

    public IQueryable<Response> Apply(IQueryable<Response> responses)
    {
        Validate();
        if (Since is { } since) responses = responses.Where(r => r.RespondedAt >= since);
        if (Until is { } until) responses = responses.Where(r => r.RespondedAt < until);
        if (SurveyId is { } surveyId) responses = responses.Where(r => r.SurveyId == surveyId);
        if (DepartmentId is { } departmentId) responses = responses.Where(r => r.DepartmentId == departmentId);
        if (!string.IsNullOrWhiteSpace(Touchpoint))
        {
            var touchpoint = Touchpoint.Trim();
            responses = responses.Where(r => r.Touchpoint == touchpoint);
        }

        if (!string.IsNullOrEmpty(Category)) responses = responses.Where(r => r.Category == Category);

        if (HasComment is { } hasComment) responses = responses.Where(r => (r.Comment != null) == hasComment);
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            var tag = ResponseTags.Normalize(Tag);
            responses = responses.Where(r => r.Tags.Contains(tag));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            responses = responses.Where(r => r.Search.Matches(
                EF.Functions.WebSearchToTsQuery("english", q).Or(EF.Functions.WebSearchToTsQuery("turkish", q))));
        }

        return responses;
    }
}
