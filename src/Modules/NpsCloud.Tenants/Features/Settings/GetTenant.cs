using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Settings;

/// <summary><c>GET /api/v1/tenant</c>: the company, its plan and settings.</summary>
internal static class GetTenant
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tenant", async (IMediator mediator, ITenantContext tenant, TimeProvider clock, ApiKeyRateLimiter limiter, CancellationToken cancellationToken) =>
                TenantView.From(await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken), clock.GetUtcNow(), limiter,
                    (await mediator.Send(new GetEmailVerification(tenant.RequiredTenantId), cancellationToken)).Verified,
                    await mediator.Send(new GetSenderDomain.Query(), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithTags("Tenant")
            .WithDepartmentRule(DepartmentAccess.NoDepartmentData)
            .WithSummary("The company this API key belongs to: plan, trial end and settings");
    }
}
