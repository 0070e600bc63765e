using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Features.Cases;

namespace NpsCloud.FollowUps.Pages.App;

/// <summary>
/// The follow-up inbox: overdue cases first, then the rest, newest first. A department head starts with
/// their own cases and only ever sees their departments'; owners and admins see every department.
/// </summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class FollowUpsModel(IMediator mediator, ITenantContext tenant) : FormPageModel
{
    public const string Mine = "mine";
    public const string Everyone = "all";

    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? DepartmentId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    /// <summary>Past their due time and nobody contacted the person: shown above everything else (on the first page).</summary>
    public IReadOnlyList<CaseView> Overdue { get; private set; } = [];

    public Page<CaseView> Others { get; private set; } = new([], null);

    public IReadOnlyList<DepartmentInfo> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Scope ??= User.Can(Permission.SeeAllDepartments) ? Everyone : Mine;
        var departments = await mediator.Send(new ListDepartmentInfos(), HttpContext.RequestAborted);
        Departments = departments.Where(d => tenant.CanSee(d.Id)).ToList();
        var filter = new CaseFilter(string.IsNullOrEmpty(Status) ? null : Status, DepartmentId, Scope == Mine ? tenant.UserId : null);
        await TrySendAsync(async () =>
        {
            if (Cursor is null) Overdue = (await mediator.Send(new ListCases.Query(filter with { Overdue = true }, 100, null), HttpContext.RequestAborted)).Items;
            Others = await mediator.Send(new ListCases.Query(filter with { Overdue = false }, 50, Cursor), HttpContext.RequestAborted);
        }, formPrefix: "");
    }

    public string DepartmentName(Guid? id) => id is null ? "—" : Departments.FirstOrDefault(d => d.Id == id)?.Name ?? "—";

    public Dictionary<string, string?> Query(string? cursor = null) => new()
    {
        ["scope"] = Scope, ["status"] = Status, ["departmentId"] = DepartmentId?.ToString(), ["cursor"] = cursor,
    };
}
