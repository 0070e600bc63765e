using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>
/// What a survey says in a given language: its own wording when written in that language, else the
/// localised default, with {company} filled in.
/// </summary>
internal sealed class SurveyWording(IStringLocalizer<SurveysText> text)
{
    public string Question(Survey survey, string locale, string company) =>
        Fill(survey.Locale == locale && !string.IsNullOrWhiteSpace(survey.Question) ? survey.Question : Default("Survey.DefaultQuestion", locale), company);

    public string FollowUp(Survey survey, string category, string locale, string company)
    {
        var own = category switch
        {
            "promoter" => survey.FollowUpPromoter,
            "passive" => survey.FollowUpPassive,
            _ => survey.FollowUpDetractor,
        };
        return Fill(survey.Locale == locale && !string.IsNullOrWhiteSpace(own) ? own : Default($"Survey.DefaultFollowUp.{category}", locale), company);
    }

    /// <summary>The question and its follow-ups in both languages, for pages and scripts that choose the language themselves.</summary>
    public IReadOnlyDictionary<string, QuestionTexts> InBothLanguages(Survey survey, string company) =>
        new[] { "en", "tr" }.ToDictionary(
            language => language,
            language => new QuestionTexts(
                Question(survey, language, company),
                NpsCategories.All.ToDictionary(category => category, category => FollowUp(survey, category, language, company))));

    private string Default(string key, string locale)
    {
        using var _ = CultureScope.Use(locale);
        return text[key];
    }

    private static string Fill(string template, string company) => template.Replace("{company}", company, StringComparison.OrdinalIgnoreCase);
}
