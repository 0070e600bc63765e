using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The signed-in person's own row (the session check set the tenant and user of the request).</summary>
internal static class CurrentUser
{
    public static async Task<User> FindAsync(ITenantContext tenant, UserManager<User> users) =>
        tenant.UserId is { } id && await users.FindByIdAsync(id.ToString()) is { } user
            ? user
            : throw new InvalidOperationException("An account action ran without a signed-in person.");
}
