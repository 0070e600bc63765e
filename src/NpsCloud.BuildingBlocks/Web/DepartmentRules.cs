using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>What an endpoint or page does for a caller limited to departments (see <c>ITenantContext.VisibleDepartments</c>).</summary>
public enum DepartmentAccess
{
    /// <summary>
    /// The endpoint reads or writes department data through the department filter of the module's
    /// DbContext (or a raw SQL path given the same rule): a limited caller gets its departments' data and
    /// a 404 for anything else.
    /// </summary>
    FilteredByDepartment,

    /// <summary>Company-wide data or administration (settings, people, keys, webhooks): a limited caller gets 403.</summary>
    ManagersOnly,

    /// <summary>Holds no department's data at all (sign-in, the company's name and plan, the error page).</summary>
    NoDepartmentData,
}

/// <summary>
/// The department rule of an endpoint (<c>.WithDepartmentRule(...)</c>) or page (<c>[DepartmentRule(...)]</c>).
/// Every endpoint needs one: for a limited caller, an endpoint without it answers 403
/// (<see cref="DepartmentRuleMiddleware"/>), and a test lists every endpoint that lacks one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DepartmentRuleAttribute(DepartmentAccess access) : Attribute
{
    public DepartmentAccess Access { get; } = access;
}

public static class DepartmentRuleEndpointExtensions
{
    /// <summary>Says what a department-limited caller may do here; set on a group, it covers the group's endpoints unless one says otherwise.</summary>
    public static TBuilder WithDepartmentRule<TBuilder>(this TBuilder builder, DepartmentAccess access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DepartmentRuleAttribute(access));
}

/// <summary>
/// After authorization: a caller limited to departments reaches only endpoints whose rule lets it in.
/// An endpoint without a rule is refused (fails closed), so a new endpoint can never leak another
/// department's data by being forgotten.
/// </summary>
public sealed class DepartmentRuleMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, ITenantContext tenant)
    {
        if (tenant.VisibleDepartments is null || context.GetEndpoint() is not { } endpoint) return next(context);

        var rule = endpoint.Metadata.GetMetadata<DepartmentRuleAttribute>();
        if (rule?.Access is DepartmentAccess.FilteredByDepartment or DepartmentAccess.NoDepartmentData) return next(context);

        var detail = rule is null
            ? "This endpoint has no department rule yet, so callers limited to departments may not use it."
            : "Only owners, admins and API keys that are not limited to departments may do this.";
        if (ApiRequests.IsApi(context.Request.Path)) throw new DepartmentLimitedException(detail);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
