using Microsoft.Extensions.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Departments;
using NpsCloud.Tenants.Features.Users;

namespace NpsCloud.Tenants.Pages.App;

/// <summary>Everyone sees the departments they may see (a department head: their own); owners and admins add and remove them.</summary>
[Authorize(Policy = AppPolicies.Member)]
[DepartmentRule(DepartmentAccess.FilteredByDepartment)]
internal sealed class DepartmentsModel(IMediator mediator, IStringLocalizer<TenantsText> text) : FormPageModel
{
    [TempData] public string? Flash { get; set; }

    [BindProperty]
    public DepartmentForm Form { get; set; } = new();

    public List<DepartmentView> Departments { get; private set; } = [];
    public List<UserView> People { get; private set; } = [];
    public bool CanManage => User.IsManager();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!CanManage) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new CreateDepartment.Command(Form.Name, Form.HeadUserId), HttpContext.RequestAborted)))
        {
            Flash = text["Departments.CreatedFlash", Form.Name.Trim()];
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!CanManage) return Forbid();
        if (await TrySendAsync(() => mediator.Send(new DeleteDepartment.Command(id), HttpContext.RequestAborted)))
        {
            Flash = text["Departments.DeletedFlash"];
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Departments = await mediator.Send(new ListDepartments.Query(), HttpContext.RequestAborted);
        People = await mediator.Send(new ListUsers.Query(), HttpContext.RequestAborted);
        // Owners and admins choose heads among everyone; anyone else sees only the heads of the departments shown.
        if (!CanManage) People = People.Where(p => Departments.Any(d => d.HeadUserId == p.Id)).ToList();
    }

    public sealed class DepartmentForm
    {
        public string Name { get; set; } = "";
        public Guid? HeadUserId { get; set; }
    }
}
