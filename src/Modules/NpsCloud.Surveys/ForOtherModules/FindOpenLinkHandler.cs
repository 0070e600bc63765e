using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.OpenLinks;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// The open link page's way in: the link with this slug, in its tenant, with what it asks in both languages,
/// and whether the kiosk key given is the link's. It reads in a scope of the link's tenant and leaves the caller's alone.
/// </summary>
internal sealed class FindOpenLinkHandler(AppDataSource dataSource, IServiceScopeFactory scopes, OpenLinkKioskKeys kioskKeys)
    : IRequestHandler<FindOpenLink, OpenLinkInfo?>
{
    public async Task<OpenLinkInfo?> Handle(FindOpenLink request, CancellationToken cancellationToken)
    {
        if (await OpenLinkRules.FindTenantAsync(dataSource, request.Slug, cancellationToken) is not { } tenantId) return null;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var wording = scope.ServiceProvider.GetRequiredService<SurveyWording>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var link = await db.OpenLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Slug == request.Slug, cancellationToken);
        if (link is null) return null;
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == link.SurveyId, cancellationToken);
        var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
        var texts = wording.InBothLanguages(survey, profile.Name);
        return new OpenLinkInfo(
            tenantId, survey.Id, link.Slug, link.Enabled && survey.Status != SurveyStatuses.Archived,
            request.KioskKey is not null && kioskKeys.Opens(request.KioskKey, tenantId, link.Slug),
            link.CollectName, link.CollectEmail || link.OneAnswerPerPerson, link.OneAnswerPerPerson, link.DailyCap, link.HiddenFields, link.DeviceSalt,
            survey.DepartmentId, survey.Touchpoint, survey.Locale, profile.TimeZone, profile.Name, survey.LogoUrl, survey.BrandColor, texts,
            await SurveyRules.ReplyWithinHoursAsync(mediator, profile, survey, cancellationToken));
    }
}
