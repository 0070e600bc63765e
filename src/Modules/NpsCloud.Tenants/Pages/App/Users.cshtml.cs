using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Tenants.Features.Departments;
using NpsCloud.Tenants.Features.Users;

namespace NpsCloud.Tenants.Pages.App;

/// <summary>
/// People and invitations. Every change goes through a confirmation (<c>?act=…&amp;id=…</c>) that says what else
/// it does (cases handed over, headships lost, API keys to revoke), then a POST, then a flash message.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
[DepartmentRule(DepartmentAccess.ManagersOnly)]
internal sealed class UsersModel(IMediator mediator, ITenantContext tenant, SessionSignInManager signIn, UserManager<User> users, IStringLocalizer<TenantsText> text)
    : FormPageModel
{
    public const string Change = "change";
    public const string Deactivate = "deactivate";
    public const string Reactivate = "reactivate";
    public const string Remove = "remove";
    public const string Transfer = "transfer";
    public const string RevokeInvitationAction = "revoke-invitation";

    [BindProperty]
    public InviteForm Form { get; set; } = new();

    [BindProperty]
    public ChangeForm Edit { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Act { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public List<UserView> People { get; private set; } = [];
    public List<InvitationView> Invitations { get; private set; } = [];
    public List<DepartmentView> Departments { get; private set; } = [];
    public string? Invited { get; private set; }

    /// <summary>The person the open confirmation is about, with what the change would do.</summary>
    public UserChangePreview? Preview { get; private set; }
    public InvitationView? InvitationToRevoke { get; private set; }

    public Guid? CurrentUserId => tenant.UserId;
    public bool CanManageOwners => User.Can(Permission.ManageOwners);

    /// <summary>Whether this person's row offers an action to the signed-in person (an admin never acts on an owner).</summary>
    public bool MayActOn(UserView person) => person.Role != Roles.Owner || CanManageOwners;

    public string DepartmentNames(IEnumerable<Guid> ids) => string.Join(", ", Departments.Where(d => ids.Contains(d.Id)).Select(d => d.Name));


    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        Guid[] departments = Form.DepartmentId is { } id ? [id] : [];
        if (await TrySendAsync(() => mediator.Send(new InviteUser.Command(Form.Email, Form.Role, departments, Actor), HttpContext.RequestAborted)))
        {
            Invited = Form.Email;
            Form = new InviteForm();
            ModelState.Clear();
        }

        Act = null;
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostChangeAsync() => ChangeAsync(Change, async () =>
    {
        var outcome = await mediator.Send(new ChangeUser.Command(Id!.Value, Edit.Role, Edit.DepartmentIds, Edit.RevokeApiKeys, Actor), HttpContext.RequestAborted);
        return await DescribeAsync(text["Users.Flash.Changed", outcome.User!.Name, text[$"Role.{outcome.User.Role}"]], outcome);
    }, "Edit");

    public Task<IActionResult> OnPostDeactivateAsync() => ChangeAsync(Deactivate, async () =>
    {
        var outcome = await mediator.Send(new DeactivateUser.Command(Id!.Value, Edit.RevokeApiKeys, Actor), HttpContext.RequestAborted);
        return await DescribeAsync(text["Users.Flash.Deactivated", outcome.User!.Name], outcome);
    });

    public Task<IActionResult> OnPostReactivateAsync() => ChangeAsync(Reactivate, async () =>
    {
        var user = await mediator.Send(new ReactivateUser.Command(Id!.Value, Actor), HttpContext.RequestAborted);
        return text["Users.Flash.Reactivated", user.Name].Value;
    });

    public Task<IActionResult> OnPostRemoveAsync() => ChangeAsync(Remove, async () =>
    {
        var name = (await mediator.Send(new GetUser.Query(Id!.Value), HttpContext.RequestAborted)).Name;
        var outcome = await mediator.Send(new RemoveUser.Command(Id!.Value, Edit.RevokeApiKeys, Actor), HttpContext.RequestAborted);
        return await DescribeAsync(text["Users.Flash.Removed", name], outcome);
    });

    public Task<IActionResult> OnPostTransferAsync() => ChangeAsync(Transfer, async () =>
    {
        var outcome = await mediator.Send(new TransferOwnership.Command(Id!.Value, Actor), HttpContext.RequestAborted);
        return text["Users.Flash.Transferred", outcome.User!.Name].Value;
    });

    public Task<IActionResult> OnPostRevokeInvitationAsync() => ChangeAsync(RevokeInvitationAction, async () =>
    {
        var email = (await mediator.Send(new ListPendingInvitations.Query(), HttpContext.RequestAborted)).FirstOrDefault(i => i.Id == Id)?.Email ?? "";
        await mediator.Send(new RevokeInvitation.Command(Id!.Value, Actor), HttpContext.RequestAborted);
        return text["Users.Flash.InvitationRevoked", email].Value;
    });

    private UserActor Actor => UserActor.Of(User);

    /// <summary>Sends the change; on success the flash message and back to the list (the signed-in person's own session is renewed when the change was theirs), else the confirmation again with the refusal.</summary>
    private async Task<IActionResult> ChangeAsync(string act, Func<Task<string>> send, string formPrefix = "Edit")
    {
        Act = act;
        if (Id is null) return RedirectToPage();
        // Changing people (roles, deactivation, removal, ownership) needs a recent proof of identity, like creating keys.
        if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;
        string? message = null;
        if (await TrySendAsync(async () => message = await send(), formPrefix))
        {
            Flash = message;
            await RenewOwnSessionAsync(act);
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>A change to the signed-in person's own role (or their ownership) rotated their stamp: this browser gets a new session, their other sessions end.</summary>
    private async Task RenewOwnSessionAsync(string act)
    {
        if (act != Transfer && Id != CurrentUserId) return;
        if (await users.FindByIdAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!) is not { } me) return;
        await signIn.RenewAfterCredentialChangeAsync(me);
    }

    private async Task<string> DescribeAsync(string done, UserChangeOutcome outcome)
    {
        var parts = new List<string> { done };
        if (outcome.OpenCasesHandedOver > 0 && outcome.CasesHandedOverTo is { } to)
        {
            var successor = (await mediator.Send(new GetUser.Query(to), HttpContext.RequestAborted)).Name;
            parts.Add(text["Users.Flash.Cases", outcome.OpenCasesHandedOver, successor]);
        }

        if (outcome.DepartmentsNoLongerHeaded.Length > 0) parts.Add(text["Users.Flash.Headships", outcome.DepartmentsNoLongerHeaded.Length]);
        if (outcome.ApiKeysRevoked > 0) parts.Add(text["Users.Flash.Keys", outcome.ApiKeysRevoked]);
        return string.Join(" ", parts);
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        People = await mediator.Send(new ListUsers.Query(), cancellationToken);
        Invitations = await mediator.Send(new ListPendingInvitations.Query(), cancellationToken);
        Departments = await mediator.Send(new ListDepartments.Query(), cancellationToken);

        if (Id is not { } id) return;
        if (Act == RevokeInvitationAction)
        {
            InvitationToRevoke = Invitations.FirstOrDefault(i => i.Id == id);
            return;
        }

        if (Act is not (Change or Deactivate or Reactivate or Remove or Transfer) || People.FirstOrDefault(p => p.Id == id) is not { } person) return;
        if (Act == Change && string.IsNullOrEmpty(Edit.Role))
        {
            Edit = new ChangeForm { Role = person.Role, DepartmentIds = person.DepartmentIds };
        }

        // A change of role is previewed as the loss of access it could be (the person no longer seeing other departments).
        var role = Act switch { Deactivate or Remove => null, Change => Edit.Role, _ => person.Role };
        Preview = await mediator.Send(new PreviewUserChange.Query(id, role, Act == Change ? Edit.DepartmentIds : null), cancellationToken);
    }

    public sealed class InviteForm
    {
        public string Email { get; set; } = "";
        public string Role { get; set; } = Roles.Viewer;
        public Guid? DepartmentId { get; set; }
        public Guid[] DepartmentIds => DepartmentId is { } id ? [id] : [];
    }

    public sealed class ChangeForm
    {
        public string Role { get; set; } = "";
        public Guid[] DepartmentIds { get; set; } = [];
        public bool RevokeApiKeys { get; set; }
    }
}
