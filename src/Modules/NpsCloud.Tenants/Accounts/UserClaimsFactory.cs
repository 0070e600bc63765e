using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Accounts;

/// <summary>The signed-in person's claims: who, which tenant, which role and departments, and when they signed in.</summary>
internal sealed class UserClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options, TimeProvider clock)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    public const string AuthTimeClaim = "auth_time";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaims.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.Name));
        identity.AddClaim(new Claim(AuthTimeClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString()));
        foreach (var department in user.Departments)
        {
            identity.AddClaim(new Claim(TenantClaims.Department, department.DepartmentId.ToString()));
        }

        return identity;
    }
}
