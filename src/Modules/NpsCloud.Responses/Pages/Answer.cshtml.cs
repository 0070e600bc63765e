using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Features.AnswerByLink;

namespace NpsCloud.Responses.Pages;

/// <summary>
/// The response page every survey link opens, in the invitation's language and the survey's brand. A GET
/// only shows (mail scanners prefetch links): the score from an email link (<c>?score=N</c>) is shown
/// preselected and recorded by the person's POST, never by the page itself; a POST that looks automated
/// (<see cref="AutomatedClients"/>) is kept flagged and counts nowhere. The token in the address is the
/// proof, so the form carries no antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
[DepartmentRule(DepartmentAccess.NoDepartmentData)]
internal sealed class AnswerModel(IServiceScopeFactory scopes, AutomatedClients automated) : PageModel
{
    public AnswerLinkView? State { get; private set; }

    /// <summary>The score of the email link that opened the page, when it still has to be recorded.</summary>
    public int? PendingScore { get; private set; }

    /// <summary>Just saved: the page says so (to screen readers too).</summary>
    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    // The thank-you state (Pages/_AnswerThanks.cshtml).

    /// <summary>A comment was just saved: the page thanks for it instead of showing the form again.</summary>
    public bool CommentReceived => Saved && !string.IsNullOrWhiteSpace(State?.Comment);

    /// <summary>The promoters' next step goes through the counting redirect of the Surveys module.</summary>
    public string PromoterStepUrl => $"/r/{Uri.EscapeDataString(RouteData.Values["token"] as string ?? "")}/next";

    public string ChangeAnswerUrl => $"/r/{Uri.EscapeDataString(RouteData.Values["token"] as string ?? "")}";

    /// <summary>The nonce of the one inline style block (the brand colour), under a policy that allows no other.</summary>
    public string StyleNonce { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public async Task OnGetAsync(string token, int? score, bool saved)
    {
        State = await scopes.SendAsync(new OpenAnswerLink.Query(token), HttpContext.RequestAborted);
        if (State is { Expired: false } && score is >= 0 and <= 10 && score != State.Score) PendingScore = score;
        Saved = saved && State?.Score is not null;
        Prepare();
    }

    public async Task<IActionResult> OnPostAsync(string token, int? score, string? comment)
    {
        if (score is not (>= 0 and <= 10) || comment?.Length > Domain.Response.MaxCommentLength)
        {
            State = await scopes.SendAsync(new OpenAnswerLink.Query(token), HttpContext.RequestAborted);
            Prepare();
            Error = score is not (>= 0 and <= 10) ? "Answer.ChooseScore" : "Answer.CommentTooLong";
            return Page();
        }

        State = await scopes.SendAsync(new SubmitAnswer.Command(token, score.Value, comment, automated.LookAutomated(Request)), HttpContext.RequestAborted);
        if (State is null or { Expired: true })
        {
            Prepare();
            return Page();
        }

        // Post/redirect/get: reloading the thank-you page sends nothing again.
        return RedirectToPage(new { token, saved = true });
    }

    private void Prepare()
    {
        Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{StyleNonce}'; img-src 'self' https:; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
        Response.Headers.XFrameOptions = "DENY";
        Response.Headers.CacheControl = "no-store";
    }
}
