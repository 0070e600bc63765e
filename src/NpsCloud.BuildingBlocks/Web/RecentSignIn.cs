using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// "Prove it is still you": actions that hand out lasting power (creating API keys or webhooks, changing
/// roles, turning off the second factor) need a sign-in or re-authentication within the last few minutes.
/// The session check (Tenants module) records on every request whether the session's last proof is recent;
/// a page calls <see cref="Require"/> first thing in such a handler:
/// <code>if (RecentSignIn.Require(this) is { } reauthenticate) return reauthenticate;</code>
/// </summary>
public static class RecentSignIn
{
    /// <summary>The page with the short form (password or authenticator code) that sends the person back.</summary>
    public const string ReauthenticatePath = "/reauthenticate";

    private static readonly object Key = new();

    /// <summary>Called by the session check on every request that carries a valid session.</summary>
    public static void Record(HttpContext context, bool recent) => context.Items[Key] = recent;

    public static bool IsRecent(HttpContext context) => context.Items.TryGetValue(Key, out var recent) && recent is true;

    /// <summary>
    /// Null when the session proved itself recently; otherwise a redirect to the re-authentication page that
    /// returns to this page (the page itself, not the form's handler: the person submits the form again).
    /// </summary>
    public static IActionResult? Require(PageModel page)
    {
        if (IsRecent(page.HttpContext)) return null;
        var request = page.HttpContext.Request;
        var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
        return new LocalRedirectResult($"{ReauthenticatePath}?returnUrl={Uri.EscapeDataString(back)}");
    }
}
