using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.Departments;
using NpsCloud.Tenants.Features.Users;

namespace NpsCloud.Tenants.Pages.App;

[Authorize(Policy = AppPolicies.Manager)]
internal sealed class UsersModel(IMediator mediator) : FormPageModel
{
    [BindProperty]
    public InviteForm Form { get; set; } = new();

    public List<UserView> People { get; private set; } = [];
    public List<DepartmentView> Departments { get; private set; } = [];
    public string? Invited { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        Guid[] departments = Form.DepartmentId is { } id ? [id] : [];
        if (await TrySendAsync(() => mediator.Send(new InviteUser.Command(Form.Email, Form.Role, departments), HttpContext.RequestAborted)))
        {
            Invited = Form.Email;
            Form = new InviteForm();
            ModelState.Clear();
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        People = await mediator.Send(new ListUsers.Query(), HttpContext.RequestAborted);
        Departments = await mediator.Send(new ListDepartments.Query(), HttpContext.RequestAborted);
    }

    public sealed class InviteForm
    {
        public string Email { get; set; } = "";
        public string Role { get; set; } = "Viewer";
        public Guid? DepartmentId { get; set; }
        public Guid[] DepartmentIds => DepartmentId is { } id ? [id] : [];
    }
}
