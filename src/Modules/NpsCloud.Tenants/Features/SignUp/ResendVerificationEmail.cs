using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Features.SignUp;

/// <summary>
/// Sends the owner a fresh verification link (the banner's button on <c>/app</c> and
/// <c>POST /api/v1/tenant/verification-email</c>), at most once a minute. Sent during the request:
/// the link's token is never stored.
/// </summary>
internal static class ResendVerificationEmail
{
    public static readonly TimeSpan Pace = TimeSpan.FromMinutes(1);

    public sealed record Command : IRequest<Result>;

    /// <param name="SentTo">The owner's address the link went to.</param>
    public sealed record Result(string SentTo);

    public sealed class Handler(
        TenantsDbContext db, ITenantContext tenant, VerificationTokens tokens, AccountEmails emails, IEmailSender mail, TimeProvider clock, IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var company = await db.Tenants.FirstAsync(t => t.TenantId == tenant.RequiredTenantId, cancellationToken);
            if (company.EmailVerifiedAt is not null) throw new ConflictException(text["Verify.AlreadyVerified"]);

            var now = clock.GetUtcNow();
            if (company.VerificationSentAt is { } sent && now - sent < Pace)
            {
                throw new RateLimitedException(text["Verify.TooSoon"], (int)Math.Ceiling((sent + Pace - now).TotalSeconds));
            }

            var owner = await db.Users.AsNoTracking().Where(u => u.Role == Roles.Owner).OrderBy(u => u.CreatedAt).FirstAsync(cancellationToken);
            try
            {
                await mail.SendAsync(emails.Verification(owner.Email, owner.Name, company.Name, tokens.Issue(company.TenantId, owner.Id, owner.NormalizedEmail), owner.Locale), cancellationToken);
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException)
            {
                throw new MailUnavailableException(e);
            }

            company.VerificationSentAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return new Result(owner.Email);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tenant/verification-email", async (IMediator mediator, CancellationToken cancellationToken) =>
                Results.Accepted(value: await mediator.Send(new Command(), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithTags("Tenant")
            .WithSummary("Email the owner a new verification link")
            .WithDescription("Until the owner follows the link, surveys go only to the owner's own address; the others wait. At most once a minute.")
            .Produces<Result>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
