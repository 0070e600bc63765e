using Microsoft.Extensions.DependencyInjection;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// A scope of its own acting for the same caller (tenant, user, visible departments), so with a
/// connection of its own: for the calls to other modules a handler makes while its own scope's
/// connection is busy, as during a COPY that streams a file in.
/// </summary>
public static class SameCallerScope
{
    public static AsyncServiceScope CreateForSameCaller(this IServiceScopeFactory scopes, ITenantContext caller)
    {
        var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        if (caller.TenantId is { } tenantId) tenant.Set(tenantId, caller.UserId);
        if (caller.VisibleDepartments is { } departments) tenant.LimitToDepartments(departments);
        return scope;
    }
}
