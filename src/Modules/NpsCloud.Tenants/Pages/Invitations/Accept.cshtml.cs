using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages.Invitations;

[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class AcceptModel(IServiceScopeFactory scopes) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public AcceptForm Form { get; set; } = new();

    public FindInvitation.Found? Invitation { get; private set; }

    public async Task OnGetAsync() => Invitation = await FindAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Invitation = await FindAsync();
        if (Invitation is null) return Page();

        // A scope of its own: the invitation's company, whatever session the browser has open.
        await using var scope = scopes.CreateAsyncScope();
        User? user = null;
        if (!await TrySendAsync(async () => user = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new AcceptInvitation.Command(Token, Form.Name, Form.Password), HttpContext.RequestAborted)))
        {
            return Page();
        }

        if (user is null)
        {
            Invitation = null;
            return Page();
        }

        await scope.ServiceProvider.GetRequiredService<SignInManager<User>>().SignInAsync(user, isPersistent: false);
        return LocalRedirect("/app");
    }

    private Task<FindInvitation.Found?> FindAsync() =>
        string.IsNullOrEmpty(Token) ? Task.FromResult<FindInvitation.Found?>(null) : scopes.SendAsync(new FindInvitation.Query(Token), HttpContext.RequestAborted);

    public sealed class AcceptForm
    {
        public string Name { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
