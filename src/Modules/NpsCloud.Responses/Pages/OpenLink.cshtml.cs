using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Responses.Features.OpenLinkAnswers;

namespace NpsCloud.Responses.Pages;

/// <summary>
/// A survey's open link (<c>/s/{slug}</c>): the question for anyone with the address, in the survey's language
/// (or <c>?lang=en|tr</c>) and brand. A GET only shows; the form's POST (with antiforgery) records. The page's
/// query (hidden fields, <c>kiosk</c>, <c>lang</c>) stays in the form's address, so the answer gets it too.
/// As a kiosk, the thank-you returns to an empty form for the next person after <see cref="KioskResetSeconds"/>.
/// </summary>
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
[EnableRateLimiting(OpenLinkAnswerRules.RateLimitPolicy)]
internal sealed class OpenLinkModel(IServiceScopeFactory scopes) : PageModel
{
    public const int KioskResetSeconds = 8;

    public CheckOpenLink.View? View { get; private set; }

    /// <summary>The page's language: <c>?lang=</c> when given, else the survey's.</summary>
    public string Language { get; private set; } = "tr";

    /// <summary>Recorded: the page thanks (and, as a kiosk, resets).</summary>
    public bool Done { get; private set; }

    [BindProperty]
    public int? Score { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Where the kiosk goes after the thank-you: the same address without <c>done</c>.</summary>
    public string ResetUrl => QueryHelpers.AddQueryString(Request.Path, Request.Query.Where(q => q.Key is not ("done" or "commented" or "reply")));

    public string StyleNonce { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    // The done state: which category answered, and whether with a comment (only what the page says
    // depends on them; the answer is already stored).

    /// <summary>A detractor who left an address to reply to is told when the team will (when the company promises it).</summary>
    public bool PromiseReply { get; private set; }

    /// <summary>The answer just recorded came with a comment: the page thanks for it.</summary>
    public bool Commented { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? kiosk, string? lang, string? done, string? commented, string? reply)
    {
        View = await scopes.SendAsync(new CheckOpenLink.Query(slug, kiosk, DeviceOf(slug)), HttpContext.RequestAborted);
        Done = done == "1" && View is not null;
        Commented = Done && commented == "yes";
        PromiseReply = Done && reply == "yes" && View!.Link.ReplyWithinHours is not null;
        return Prepare(lang);
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? kiosk, string? lang)
    {
        // The form's own checks speak for it (in the page's language), not the model binder.
        ModelState.Clear();
        // The link only: the answer checks its state itself, under the link's lock.
        if (await scopes.SendAsync(new FindOpenLink(slug, kiosk), HttpContext.RequestAborted) is not { } link) return Prepare(lang);
        View = new CheckOpenLink.View(link, OpenLinkState.Open);
        var language = LanguageOf(lang);
        // Only the link's hidden fields are kept (an address also carries utm_source, fbclid and the like),
        // each cut to its limit: a customer cannot mend the address, and the answer matters more.
        var values = link.HiddenFields
            .Where(name => Request.Query[name].Count == 1)
            .ToDictionary(name => name, name => Trimmed(Request.Query[name][0] ?? ""), StringComparer.Ordinal);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        SubmitOpenLinkAnswer.Outcome outcome;
        try
        {
            outcome = await scopes.SendAsync(
                new SubmitOpenLinkAnswer.Command(link, DeviceOf(slug), Score, Comment, Name, Email, language, values), HttpContext.RequestAborted);
        }
        catch (RequestValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages) ModelState.AddModelError(field, message);
            }

            return Prepare(lang);
        }

        if (outcome.Category is null)
        {
            View = View with { State = outcome.State };
            return Prepare(lang);
        }

        if (!link.Kiosk)
        {
            Response.Cookies.Append(OpenLinkAnswerRules.CookieName(slug), "1", new CookieOptions
            {
                Path = $"/s/{slug}", MaxAge = OpenLinkAnswerRules.GuardWindow, HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true,
            });
        }

        // Post/redirect/get, keeping the query (a kiosk's hidden fields stay for the next person).
        var done = new Dictionary<string, string?> { ["done"] = "1" };
        if (!string.IsNullOrWhiteSpace(Comment)) done["commented"] = "yes";
        // Only someone the team can write back to is promised a reply.
        if (outcome.Category == NpsCategories.Detractor && link.ReplyWithinHours is not null && !string.IsNullOrWhiteSpace(Email)) done["reply"] = "yes";
        return Redirect(QueryHelpers.AddQueryString(ResetUrl, done));
    }

    private Device DeviceOf(string slug)
    {
        var userAgent = Request.Headers.UserAgent.ToString();
        return new Device(Request.Cookies.ContainsKey(OpenLinkAnswerRules.CookieName(slug)), HttpContext.Connection.RemoteIpAddress,
            userAgent.Length > 512 ? userAgent[..512] : userAgent);
    }

    private static string Trimmed(string value)
    {
        var printable = new string(value.Where(c => !char.IsControl(c)).ToArray());
        return printable.Length > SubmitOpenLinkAnswer.MaxValueLength ? printable[..SubmitOpenLinkAnswer.MaxValueLength] : printable;
    }

    private string LanguageOf(string? lang) => lang is "en" or "tr" ? lang : View?.Link.Locale is "en" ? "en" : "tr";

    private IActionResult Prepare(string? lang)
    {
        Language = LanguageOf(lang);
        Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{StyleNonce}'; img-src 'self' https:; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
        Response.Headers.XFrameOptions = "DENY";
        Response.Headers.CacheControl = "no-store";
        if (View is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
