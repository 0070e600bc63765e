using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Pages.Invitations;

internal sealed class AcceptModel(IMediator mediator, SignInManager<User> signIn) : FormPageModel
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

        User? user = null;
        if (!await TrySendAsync(async () => user = await mediator.Send(new AcceptInvitation.Command(Token, Form.Name, Form.Password), HttpContext.RequestAborted)))
        {
            return Page();
        }

        if (user is null)
        {
            Invitation = null;
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/app");
    }

    private Task<FindInvitation.Found?> FindAsync() =>
        string.IsNullOrEmpty(Token) ? Task.FromResult<FindInvitation.Found?>(null) : mediator.Send(new FindInvitation.Query(Token), HttpContext.RequestAborted);

    public sealed class AcceptForm
    {
        public string Name { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
