using NpsCloud.Contracts.Tenants;

namespace NpsCloud.UnitTests.Tenants;

/// <summary>The one table of what each role may do, and the rule of who may work on (and head) a department.</summary>
public sealed class RolesTests
{
    private static readonly Guid Support = Guid.NewGuid();
    private static readonly Guid Sales = Guid.NewGuid();

    [Fact]
    public void Roles_nest_owner_over_admin_over_department_head_over_viewer()
    {
        Assert.Equal(["Owner", "Admin", "DepartmentHead", "Viewer"], Roles.All);
        Assert.Equal(Enum.GetValues<Permission>(), Enum.GetValues<Permission>().Where(p => Roles.Can(Roles.Owner, p)));
        Assert.Equal([Permission.ManageOwners, Permission.SetSignInPolicy], Enum.GetValues<Permission>().Where(p => Roles.Can(Roles.Owner, p) && !Roles.Can(Roles.Admin, p)));
    }

    [Fact]
    public void A_viewer_reads_everything_and_writes_nothing()
    {
        Assert.True(Roles.Can(Roles.Viewer, Permission.Read));
        Assert.True(Roles.Can(Roles.Viewer, Permission.SeeAllDepartments));
        foreach (var write in new[] { Permission.Work, Permission.Manage, Permission.ManageUsers, Permission.ManageOwners, Permission.SetSignInPolicy })
        {
            Assert.False(Roles.Can(Roles.Viewer, write), $"A viewer may {write}.");
        }
    }

    [Fact]
    public void Only_owners_and_admins_manage_and_only_owners_manage_owners()
    {
        Assert.Equal(["Owner", "Admin"], Roles.With(Permission.Manage));
        Assert.Equal(["Owner", "Admin"], Roles.With(Permission.ManageUsers));
        Assert.Equal(["Owner"], Roles.With(Permission.ManageOwners));
        Assert.Equal(["Owner"], Roles.With(Permission.SetSignInPolicy));
    }

    [Fact]
    public void An_unknown_or_missing_role_may_do_nothing()
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.False(Roles.Can(null, permission));
            Assert.False(Roles.Can("owner", permission)); // the spelling is exact
        }
    }

    [Fact]
    public void A_department_is_worked_on_and_headed_by_someone_who_works_and_sees_it()
    {
        Assert.True(Roles.MayHead(Roles.Owner, [], Support));
        Assert.True(Roles.MayHead(Roles.Admin, [], Support));
        Assert.True(Roles.MayHead(Roles.DepartmentHead, [Support], Support));
        Assert.False(Roles.MayHead(Roles.DepartmentHead, [Support], Sales));
        Assert.False(Roles.MayHead(Roles.Viewer, [Support], Support));
        Assert.False(Roles.MayHead(null, [Support], Support));
        // A case of no department is for those who see every department.
        Assert.True(Roles.MayWorkOn(Roles.Admin, [], null));
        Assert.False(Roles.MayWorkOn(Roles.DepartmentHead, [Support], null));
    }
}
