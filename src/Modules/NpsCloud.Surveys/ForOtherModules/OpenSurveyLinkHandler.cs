using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// The response page's way in: the invitation a token belongs to, in its tenant, with the survey's
/// wording. It reads in a scope of the token's tenant and leaves the caller's alone: the caller sets its
/// tenant from the answer.
/// </summary>
internal sealed class OpenSurveyLinkHandler(InvitationLinks links, IServiceScopeFactory scopes)
    : IRequestHandler<OpenSurveyLink, SurveyLink?>
{
    public async Task<SurveyLink?> Handle(OpenSurveyLink request, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(request.Token, cancellationToken) is not { } found) return null;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(found.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var wording = scope.ServiceProvider.GetRequiredService<SurveyWording>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var invitation = await db.Invitations.AsNoTracking().FirstAsync(i => i.Id == found.InvitationId, cancellationToken);
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == invitation.SurveyId, cancellationToken);
        var company = (await mediator.Send(new GetTenantProfile(found.TenantId), cancellationToken)).Name;
        var locale = invitation.Locale;
        return new SurveyLink(
            found.TenantId, invitation.Id, survey.Id, invitation.ContactId, locale, invitation.ExpiresAt, survey.DepartmentId, survey.Touchpoint,
            company,
            wording.Question(survey, locale, company),
            NpsCategories.All.ToDictionary(category => category, category => wording.FollowUp(survey, category, locale, company)),
            survey.BrandColor,
            survey.LogoUrl);
    }
}
