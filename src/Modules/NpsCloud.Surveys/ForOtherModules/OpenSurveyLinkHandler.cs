using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.ForOtherModules;

/// <summary>
/// The response page's way in: the invitation a token belongs to, in its tenant, with the survey's
/// wording. It reads in a scope of the token's tenant and leaves the caller's alone: the caller sets its
/// tenant from the answer. A test send's token names its tenant and is looked up there, under row-level
/// security, with no cross-tenant path.
/// </summary>
internal sealed class OpenSurveyLinkHandler(InvitationLinks links, IServiceScopeFactory scopes)
    : IRequestHandler<OpenSurveyLink, SurveyLink?>
{
    public async Task<SurveyLink?> Handle(OpenSurveyLink request, CancellationToken cancellationToken)
    {
        if (LinkTokens.TenantOfTestToken(request.Token ?? "") is { } testTenant) return await OpenTestAsync(testTenant, request.Token!, cancellationToken);
        if (await links.FindAsync(request.Token!, cancellationToken) is not { } found) return null;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(found.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var invitation = await db.Invitations.AsNoTracking().FirstAsync(i => i.Id == found.InvitationId, cancellationToken);
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == invitation.SurveyId, cancellationToken);
        return await LinkAsync(scope, found.TenantId, invitation.Id, survey, invitation.ContactId, invitation.Locale, invitation.ExpiresAt, null, cancellationToken);
    }

    private async Task<SurveyLink?> OpenTestAsync(Guid tenantId, string token, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var hash = LinkTokens.Hash(token);
        if (await db.TestSends.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken) is not { } test) return null;
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == test.SurveyId, cancellationToken);
        return await LinkAsync(scope, tenantId, test.Id, survey, Guid.Empty, test.Locale, test.ExpiresAt, test, cancellationToken);
    }

    private static async Task<SurveyLink> LinkAsync(
        AsyncServiceScope scope, Guid tenantId, Guid invitationId, Survey survey, Guid contactId, string locale, DateTimeOffset expiresAt, TestSend? test,
        CancellationToken cancellationToken)
    {
        var wording = scope.ServiceProvider.GetRequiredService<SurveyWording>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
        var company = profile.Name;
        var replyWithinHours = await SurveyRules.ReplyWithinHoursAsync(mediator, profile, survey, cancellationToken);

        return new SurveyLink(
            tenantId, invitationId, survey.Id, contactId, locale, expiresAt, survey.DepartmentId, survey.Touchpoint,
            company,
            wording.Question(survey, locale, company),
            NpsCategories.All.ToDictionary(category => category, category => wording.FollowUp(survey, category, locale, company)),
            survey.BrandColor,
            survey.LogoUrl,
            IsTest: test is not null,
            TestScore: test?.AnsweredScore,
            TestComment: test?.AnsweredComment,
            PromoterStep: survey.PromoterStepKind is { } kind ? new PromoterNextStep(kind, survey.PromoterStepLabel) : null,
            ReplyWithinHours: replyWithinHours);
    }
}
