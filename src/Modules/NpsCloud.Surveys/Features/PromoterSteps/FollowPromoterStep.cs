using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Contacts;

namespace NpsCloud.Surveys.Features.PromoterSteps;

/// <summary>
/// <c>GET /r/{token}/next</c>: the promoters' button on the thank-you page. It counts the click once per
/// invitation and sends the person on to the survey's stored address, never to one the request names (so
/// it is no open redirect). A test send's link goes on without counting. The link is in no email, so a
/// mail scanner's prefetch never counts.
/// </summary>
internal static class FollowPromoterStep
{
    /// <summary>The stored address to send the person to; null for a token no invitation has or a survey with no next step.</summary>
    public sealed record Command(string Token) : IRequest<string?>;

    public sealed class Handler(SurveysDbContext db, InvitationLinks links, TenantContext tenant, TimeProvider clock) : IRequestHandler<Command, string?>
    {
        public async Task<string?> Handle(Command command, CancellationToken cancellationToken)
        {
            var token = command.Token ?? "";
            Guid surveyId;
            Guid? invitationId = null;
            if (LinkTokens.TenantOfTestToken(token) is { } testTenant)
            {
                // The link finds its own tenant (the request has none), as the answer page does.
                tenant.Set(testTenant);
                var hash = LinkTokens.Hash(token);
                if (await db.TestSends.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken) is not { } test) return null;
                surveyId = test.SurveyId;
            }
            else
            {
                if (await links.FindAsync(token, cancellationToken) is not { } found) return null;
                tenant.Set(found.TenantId);
                surveyId = await db.Invitations.Where(i => i.Id == found.InvitationId).Select(i => i.SurveyId).FirstAsync(cancellationToken);
                invitationId = found.InvitationId;
            }

            var url = await db.Surveys.Where(s => s.Id == surveyId).Select(s => s.PromoterStepUrl).FirstAsync(cancellationToken);
            if (url is null) return null;
            if (invitationId is { } id)
            {
                var now = clock.GetUtcNow();
                // One conditional update: a second click, or two at once, leave the first time.
                await db.Invitations.Where(i => i.Id == id && i.PromoterStepClickedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.PromoterStepClickedAt, now), cancellationToken);
            }

            return url;
        }
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/r/{token}/next", async (string token, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return await mediator.Send(new Command(token), cancellationToken) is { } url ? Results.Redirect(url) : Results.NotFound();
            })
            .AllowAnonymous()
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .ExcludeFromDescription();
}
