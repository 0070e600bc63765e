using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Pages;

/// <summary>
/// The unsubscribe link of every invitation. Opening it only asks (mail scanners open links); the
/// button, or a mail client's one-click POST (RFC 8058), unsubscribes. The token in the link is the
/// proof, so the POST carries no antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class UnsubscribeModel(IServiceScopeFactory scopes) : PageModel
{
    public string? Company { get; private set; }

    public bool Done { get; private set; }

    /// <summary>The invitation's language, which the page speaks.</summary>
    public string? Locale { get; private set; }

    public async Task OnGetAsync(string token) => await LoadAsync(token, unsubscribe: false);

    public async Task OnPostAsync(string token) => await LoadAsync(token, unsubscribe: true);

    private async Task LoadAsync(string token, bool unsubscribe)
    {
        var link = await scopes.SendAsync(new UnsubscribeByLink.Command(token, unsubscribe), HttpContext.RequestAborted);
        if (link is null) return;
        Locale = link.Locale;
        Company = link.Company;
        Done = link.Unsubscribed;
    }
}
