using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>The response page's way in: the invitation a token belongs to, in its tenant, with the survey's wording.</summary>
internal sealed class OpenSurveyLinkHandler(InvitationLinks links, SurveysDbContext db, SurveyWording wording, IMediator mediator, TenantContext tenant)
    : IRequestHandler<OpenSurveyLink, SurveyLink?>
{
    public async Task<SurveyLink?> Handle(OpenSurveyLink request, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(request.Token, cancellationToken) is not { } found) return null;
        tenant.Set(found.TenantId);
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
