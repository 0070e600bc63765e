using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.AnswerByLink;

/// <summary>What an answer link shows the respondent: the survey, and the answer given through it so far.</summary>
/// <param name="Expired">The link is past its validity: it shows a friendly page and records nothing.</param>
internal sealed record AnswerLinkView(SurveyLink Link, bool Expired, int? Score, string? Comment)
{
    public string? Category => Score is { } score ? NpsCategories.Of(score) : null;
}
