using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Features.ApiKeys;
using NpsCloud.Tenants.Features.Departments;
using NpsCloud.Tenants.Features.Settings;
using NpsCloud.Tenants.Features.SignUp;
using NpsCloud.Tenants.Features.Users;

namespace NpsCloud.Tenants;

/// <summary>The module's API: the route groups, then each slice maps its endpoints (in this order: the API document follows it).</summary>
internal sealed class TenantsEndpoints : IApiEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        // Mapped on the API itself, not in a group: the API document lists ungrouped endpoints first.
        SignUp.Map(api);
        ResendVerificationEmail.Map(api);
        GetTenant.Map(api);
        UpdateTenantSettings.Map(api);
        CheckSenderDomain.Map(api);

        var departments = api.MapGroup("/departments").WithTags("Departments").WithDepartmentRule(DepartmentAccess.FilteredByDepartment);
        ListDepartmentsPage.Map(departments);
        GetDepartment.Map(departments);
        CreateDepartment.Map(departments);
        UpdateDepartment.Map(departments);
        DeleteDepartment.Map(departments);

        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(ApiAuthorization.Admin)
            .WithDepartmentRule(DepartmentAccess.ManagersOnly);
        CreateApiKey.Map(keys);
        ListApiKeysPage.Map(keys);
        RevokeApiKey.Map(keys);

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ApiAuthorization.Admin)
            .WithDepartmentRule(DepartmentAccess.ManagersOnly);
        ListUsersPage.Map(users);
        GetUser.Map(users);
        ChangeUser.Map(users);
        DeactivateUser.Map(users);
        ReactivateUser.Map(users);
        RemoveUser.Map(users);
        TransferOwnership.Map(users);
        ListPendingInvitationsPage.Map(users);
        InviteUser.Map(users);
        RevokeInvitation.Map(users);
    }
}
