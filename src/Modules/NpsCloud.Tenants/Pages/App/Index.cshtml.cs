using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.SignUp;

namespace NpsCloud.Tenants.Pages.App;

[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class DashboardModel(IMediator mediator, ITenantContext tenant, TenantsDbContext db, TimeProvider clock) : FormPageModel
{
    public TenantProfile Profile { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public int DaysLeft { get; private set; }
    public int Departments { get; private set; }
    public int Users { get; private set; }
    public int ActiveKeys { get; private set; }
    public bool EmailVerified { get; private set; }
    public SendingQuota Quota { get; private set; } = null!;

    /// <summary>When the quota resets, as the company's wall-clock time.</summary>
    public bool MayResend => User.IsManager();

    /// <summary>The first-run checklist's ticks (shown to managers: owners and admins).</summary>
    public FirstRunProgress? Progress { get; private set; }

    /// <summary>The first-run steps in order, each done or not, with where it is taken.</summary>
    public IReadOnlyList<(string Step, bool Done, string Href)> Steps { get; private set; } = [];

    /// <summary>The first step not done yet (highlighted, with its button); null when all are.</summary>
    public string? CurrentStep => Steps.FirstOrDefault(s => !s.Done).Step;

    /// <summary>The address a new verification link just went to (the flash message after the button).</summary>
    public string? ResentTo { get; private set; }

    /// <summary>The company overview and setup checklist is for those who run the company; everyone else has a start page of their own.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsManager()) return LocalRedirect("/app/start");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
        Name = User.FindFirstValue(ClaimTypes.GivenName) ?? "";
        DaysLeft = Math.Max(0, (int)Math.Ceiling((Profile.TrialEndsAt - clock.GetUtcNow()).TotalDays));
        Departments = await db.Departments.CountAsync(d => d.ArchivedAt == null, cancellationToken);
        Users = await db.Users.CountAsync(cancellationToken);
        ActiveKeys = await db.ApiKeys.CountAsync(k => k.RevokedAt == null, cancellationToken);
        EmailVerified = await db.Tenants.AnyAsync(t => t.EmailVerifiedAt != null, cancellationToken);
        Quota = await mediator.Send(new GetSendingQuota(), cancellationToken);
        if (User.IsManager())
        {
            var progress = Progress = await mediator.Send(new GetFirstRunProgress(), cancellationToken);
            var survey = progress.SurveyId is { } id ? $"/app/surveys/{id}" : "/app/surveys/edit";
            Steps =
            [
                ("survey", progress.HasSurvey, "/app/surveys/edit"),
                ("contacts", progress.HasContacts, "/app/contacts"),
                ("test", progress.TestSent, survey),
                ("answer", progress.TestAnswered, survey),
                ("send", progress.SentToCustomers, survey),
            ];
        }
    }

    public async Task<IActionResult> OnPostResendVerificationAsync()
    {
        if (!MayResend) return Forbid();
        await TrySendAsync(async () => ResentTo = (await mediator.Send(new ResendVerificationEmail.Command(), HttpContext.RequestAborted)).SentTo);
        await LoadAsync();
        return Page();
    }
}
