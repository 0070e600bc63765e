using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>Builds views: the question in the survey's language with the company's name, and the next wave.</summary>
internal sealed class SurveyViews(SurveysDbContext db, IMediator mediator, ITenantContext tenant, SurveyWording wording, IWaveTriggers triggers)
{
    public async Task<SurveyView> ViewAsync(Survey survey, CancellationToken cancellationToken) =>
        (await ViewAllAsync([survey], cancellationToken))[0];

    public async Task<List<SurveyView>> ViewAllAsync(IReadOnlyList<Survey> surveys, CancellationToken cancellationToken)
    {
        var company = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).Name;
        var ids = surveys.Select(s => s.Id).ToList();
        var clicks = await db.Invitations.AsNoTracking()
            .Where(i => ids.Contains(i.SurveyId) && i.PromoterStepClickedAt != null)
            .GroupBy(i => i.SurveyId)
            .Select(g => new { SurveyId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SurveyId, g => g.Count, cancellationToken);
        var views = new List<SurveyView>(surveys.Count);
        foreach (var survey in surveys)
        {
            var input = SurveyInput.From(survey);
            var next = survey.IsRelationship && survey.Status == SurveyStatuses.Active
                ? await triggers.NextWaveAsync(survey.TenantId, survey.Id, cancellationToken)
                : null;
            views.Add(new SurveyView(
                survey.Id, survey.Name, survey.Kind, survey.Status, survey.DepartmentId, survey.Touchpoint, survey.Locale,
                survey.Question, wording.Question(survey, survey.Locale, company), input.FollowUpQuestions!, survey.BrandColor, survey.LogoUrl,
                survey.ReminderAfterDays, survey.LinkValidDays, input.Schedule, next, survey.CreatedAt, survey.UpdatedAt,
                input.PromoterStep, clicks.GetValueOrDefault(survey.Id)));
        }

        return views;
    }
}
