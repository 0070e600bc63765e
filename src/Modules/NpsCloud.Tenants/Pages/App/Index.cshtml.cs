using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using NpsCloud.BuildingBlocks.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Pages.App;

[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class DashboardModel(IMediator mediator, ITenantContext tenant, TenantsDbContext db, TimeProvider clock) : PageModel
{
    public TenantProfile Profile { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public int DaysLeft { get; private set; }
    public int Departments { get; private set; }
    public int Users { get; private set; }
    public int ActiveKeys { get; private set; }

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
        Name = User.FindFirstValue(ClaimTypes.GivenName) ?? "";
        DaysLeft = Math.Max(0, (int)Math.Ceiling((Profile.TrialEndsAt - clock.GetUtcNow()).TotalDays));
        Departments = await db.Departments.CountAsync(d => d.ArchivedAt == null, cancellationToken);
        Users = await db.Users.CountAsync(cancellationToken);
        ActiveKeys = await db.ApiKeys.CountAsync(k => k.RevokedAt == null, cancellationToken);
    }
}
