using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The REST API is called with API keys (<c>Authorization: Bearer nps_live_…</c>) whose scopes nest:
/// <c>admin</c> includes <c>write</c>, which includes <c>read</c>. Endpoints name the policy they need.
/// </summary>
public static class ApiAuthorization
{
    public const string Scheme = "ApiKey";
    public const string ScopeClaim = "scope";

    public const string ReadScope = "read";
    public const string WriteScope = "write";
    public const string AdminScope = "admin";
    public static readonly string[] Scopes = [ReadScope, WriteScope, AdminScope];

    /// <summary>Policy names.</summary>
    public const string Read = "api:read";
    public const string Write = "api:write";
    public const string Admin = "api:admin";

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(Read, Scoped(ReadScope, WriteScope, AdminScope));
        options.AddPolicy(Write, Scoped(WriteScope, AdminScope));
        options.AddPolicy(Admin, Scoped(AdminScope));
    }

    private static AuthorizationPolicy Scoped(params string[] allowed) =>
        new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireClaim(ScopeClaim, allowed).Build();
}

/// <summary>The claims of a principal authenticated by an API key.</summary>
public static class ApiKeyClaims
{
    public const string KeyId = "api_key_id";

    /// <summary>The company's own limit on calls per key and minute; absent when it follows the default.</summary>
    public const string RequestsPerMinute = "api_requests_per_minute";
}

/// <summary>The claims every signed-in principal (person or API key) carries.</summary>
public static class TenantClaims
{
    public const string TenantId = "tenant_id";

    /// <summary>A department the person belongs to (one claim per department).</summary>
    public const string Department = "department";
}

/// <summary>
/// The app's page policies (cookie sessions): any signed-in person, or a person who manages the company.
/// What a role may do is the one table in <see cref="Roles"/>; pages ask <see cref="Can"/>.
/// </summary>
public static class AppPolicies
{
    public const string Member = "app:member";
    public const string Manager = "app:manager";

    /// <summary>The roles the <see cref="Manager"/> policy admits: those that may <see cref="Permission.Manage"/>.</summary>
    public static readonly string[] ManagerRoles = Roles.With(Permission.Manage);

    /// <summary>Whether the signed-in person's role has the permission.</summary>
    public static bool Can(this ClaimsPrincipal user, Permission permission) => Roles.Can(user.FindFirstValue(ClaimTypes.Role), permission);

    /// <summary>Whether a page shows its managing controls; the same test as the <see cref="Manager"/> policy.</summary>
    public static bool IsManager(this ClaimsPrincipal user) => user.Can(Permission.Manage);

    /// <summary>Whether a person may work on data (tag and annotate responses, work on cases): everyone but a viewer.</summary>
    public static bool CanWork(this ClaimsPrincipal user) => user.Can(Permission.Work);
}
