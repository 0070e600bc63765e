using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.AnswerByLink;

/// <summary>
/// The respondent's side of <c>/r/{token}</c>, shared by opening and submitting: what the link shows. Opening a
/// link only reads (mail scanners prefetch links).
/// </summary>
internal static class AnswerByLinkRules
{
    /// <summary>What the link shows; null for a token no invitation has.</summary>
    public static async Task<AnswerLinkView?> OpenAsync(ResponsesDbContext db, IMediator mediator, TenantContext tenant, TimeProvider clock, string token, CancellationToken cancellationToken)
    {
        if (await FindLinkAsync(mediator, tenant, token, cancellationToken) is not { } link) return null;
        // A test send's answer is kept with the test in Surveys, never as a response.
        if (link.IsTest) return new AnswerLinkView(link, link.ExpiresAt <= clock.GetUtcNow(), link.TestScore, link.TestComment);
        // An answer flagged as suspected automation is not the person's: to them the link is still unanswered.
        var response = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.InvitationId == link.InvitationId && !r.SuspectedAutomation, cancellationToken);
        return new AnswerLinkView(link, link.ExpiresAt <= clock.GetUtcNow(), response?.Score, response?.Comment);
    }

    /// <summary>
    /// The invitation a token belongs to. The link finds its own tenant (the page has none yet); the
    /// Surveys module answers without touching this scope's, and the tenant is set here from its answer.
    /// </summary>
    public static async Task<SurveyLink?> FindLinkAsync(IMediator mediator, TenantContext tenant, string token, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new OpenSurveyLink(token), cancellationToken) is not { } link) return null;
        tenant.Set(link.TenantId);
        return link;
    }
}
