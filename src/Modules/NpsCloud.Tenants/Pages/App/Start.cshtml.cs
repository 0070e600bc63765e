using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Tenants.Pages.App;

/// <summary>
/// Where a person starts after signing in (the login's default destination, and <c>/app</c> for those who do
/// not run the company): a department head on their department's page (their follow-up inbox when they
/// head none yet), a viewer on the NPS dashboard, an owner or admin on the dashboard once the first-run
/// setup is done and on the setup checklist (<c>/app</c>) while it is not.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class StartModel(IMediator mediator, ITenantContext tenant, TenantsDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync() => LocalRedirect(await StartPageAsync());

    private async Task<string> StartPageAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (User.IsManager())
        {
            var progress = await mediator.Send(new GetFirstRunProgress(), cancellationToken);
            var setUp = progress is { HasSurvey: true, HasContacts: true, TestSent: true, TestAnswered: true, SentToCustomers: true };
            return setUp ? "/dashboard" : "/app";
        }

        if (!User.CanWork() || tenant.VisibleDepartments is null) return "/dashboard";

        // The department filter of the module's context already limits this to the person's departments.
        var first = await db.Departments.Where(d => d.ArchivedAt == null)
            .OrderBy(d => d.Name).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        return first is { } id ? $"/departments/{id}" : "/app/follow-ups";
    }
}
