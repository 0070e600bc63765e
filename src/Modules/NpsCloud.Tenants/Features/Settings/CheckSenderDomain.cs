using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary>
/// Looks for the TXT record that proves the domain of the company's own sender address and, when it is
/// there, lets invitations go out from that address. Only when the operator enables DNS checks
/// (<c>Email:SenderDomainChecks</c>); otherwise an operator marks the domain verified
/// (<c>./nps admin verify-sender-domain</c>).
/// </summary>
internal static class CheckSenderDomain
{
    public sealed record Command : IRequest<Result>, ITenantWrite;

    /// <param name="Outcome"><c>verified</c>, <c>not-found</c> (no matching record yet) or <c>checks-off</c> (the operator checks instead).</param>
    public sealed record Result(string Outcome, SenderDomainView? SenderDomain);

    public static class Outcomes
    {
        public const string Verified = "verified";
        public const string NotFound = "not-found";
        public const string ChecksOff = "checks-off";
    }

    public sealed class Handler(TenantsDbContext db, ITenantContext tenant, ISenderDomainLookup dns, IOptions<EmailOptions> email, TimeProvider clock, TenantProfileMemo profiles,
        IStringLocalizer<TenantsText> text)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var company = await db.Tenants.FirstAsync(t => t.TenantId == tenant.RequiredTenantId, cancellationToken);
            if (company.SenderDomain is not { } domain || company.SenderDomainToken is not { } token)
            {
                throw new RequestValidationException("senderAddress", text["Validation.NoSenderAddress"]);
            }

            if (company.SenderDomainVerifiedAt is not null) return new Result(Outcomes.Verified, SenderDomainView.From(company));
            if (!email.Value.SenderDomainChecks) return new Result(Outcomes.ChecksOff, SenderDomainView.From(company));

            var expected = SenderIdentity.RecordValue(token);
            var records = await dns.TxtRecordsAsync(SenderIdentity.RecordName(domain), cancellationToken);
            if (!records.Any(r => string.Equals(r.Trim(), expected, StringComparison.Ordinal)))
            {
                return new Result(Outcomes.NotFound, SenderDomainView.From(company));
            }

            company.SenderDomainVerifiedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            profiles.Forget(company.TenantId);
            return new Result(Outcomes.Verified, SenderDomainView.From(company));
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/tenant/sender-domain/check", async (IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new Command(), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithTags("Tenant")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithSummary("Look for the TXT record that proves the sender domain (when the operator enables DNS checks)")
            .ProducesValidationProblem();
    }
}
