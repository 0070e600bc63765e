using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// After authentication: the request acts for the tenant (and user) its principal names, and no other; a
/// department head's request sees only their departments (a key limited to departments is limited where it is authenticated).
/// </summary>
public sealed class TenantContextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.FindFirstValue(TenantClaims.TenantId) is { } tenantClaim && Guid.TryParse(tenantClaim, out var tenantId))
        {
            var userId = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
            tenant.Set(tenantId, userId);
            if (context.User.Identity?.IsAuthenticated == true && !context.User.Can(Permission.SeeAllDepartments))
            {
                tenant.LimitToDepartments(context.User.FindAll(TenantClaims.Department).Select(c => Guid.Parse(c.Value)));
            }
        }

        return next(context);
    }
}
