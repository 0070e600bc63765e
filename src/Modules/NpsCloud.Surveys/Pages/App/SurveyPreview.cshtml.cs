using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.Pages.App;

/// <summary>
/// The invitation email as a recipient would see it, for the editor's preview frames: the real renderer
/// with a sample token. Served with its own policy: inline styles (emails need them), no scripts, and
/// framable by our own pages only.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class SurveyPreviewModel(IMediator mediator, ITenantContext tenant, InvitationEmails emails) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? locale, string? surveyLocale, string? question, string? brandColor, string? logoUrl)
    {
        var company = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), HttpContext.RequestAborted)).Name;
        var survey = new Survey
        {
            Name = "preview",
            Kind = SurveyKinds.Transactional,
            Status = SurveyStatuses.Draft,
            Locale = surveyLocale is "en" ? "en" : "tr",
            Question = string.IsNullOrWhiteSpace(question) ? null : question[..Math.Min(question.Length, 500)],
            BrandColor = brandColor is { Length: 7 } && brandColor[0] == '#' && brandColor[1..].All(Uri.IsHexDigit) ? brandColor : Survey.DefaultBrandColor,
            LogoUrl = Uri.TryCreate(logoUrl, UriKind.Absolute, out var logo) && logo.Scheme == "https" ? logoUrl : null,
        };
        var rendered = emails.Render(survey, company, locale is "en" ? "en" : "tr", "preview", reminder: false);
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(rendered.Html, "text/html; charset=utf-8");
    }
}
