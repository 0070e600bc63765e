namespace NpsCloud.Contracts.Tenants;

/// <summary>What a person may do; which roles have it is written once, in <see cref="Roles"/>.</summary>
public enum Permission
{
    /// <summary>See the dashboards, responses, goals and follow-ups they are allowed to see.</summary>
    Read,

    /// <summary>Work on data: tag and annotate responses, work on follow-up cases, review goals. A viewer never writes.</summary>
    Work,

    /// <summary>See every department (without it, only the person's own departments).</summary>
    SeeAllDepartments,

    /// <summary>Run the company's account: settings, departments, surveys, contacts, imports, API keys, webhooks.</summary>
    Manage,

    /// <summary>Invite people, change their roles and departments, deactivate and remove them, revoke invitations.</summary>
    ManageUsers,

    /// <summary>Make, demote, deactivate or remove an owner, and transfer ownership.</summary>
    ManageOwners,

    /// <summary>Set the company's sign-in policy (require two-step verification of everyone).</summary>
    SetSignInPolicy,
}

/// <summary>
/// The roles of a company's people, highest first: Owner &gt; Admin &gt; DepartmentHead &gt; Viewer, and the one
/// table of what each may do. Pages, handlers and policies of every module ask <see cref="Can"/>; none compares
/// role names itself.
/// </summary>
public static class Roles
{
    public const string Owner = "Owner";
    public const string Admin = "Admin";
    public const string DepartmentHead = "DepartmentHead";
    public const string Viewer = "Viewer";

    /// <summary>Every role, highest first.</summary>
    public static readonly IReadOnlyList<string> All = [Owner, Admin, DepartmentHead, Viewer];

    private static readonly Dictionary<string, Permission[]> Table = new(StringComparer.Ordinal)
    {
        [Owner] = [Permission.Read, Permission.Work, Permission.SeeAllDepartments, Permission.Manage, Permission.ManageUsers, Permission.ManageOwners, Permission.SetSignInPolicy],
        [Admin] = [Permission.Read, Permission.Work, Permission.SeeAllDepartments, Permission.Manage, Permission.ManageUsers],
        [DepartmentHead] = [Permission.Read, Permission.Work],
        [Viewer] = [Permission.Read, Permission.SeeAllDepartments],
    };

    public static bool IsRole(string? role) => role is not null && Table.ContainsKey(role);

    /// <summary>Whether the role has the permission; an unknown (or missing) role has none.</summary>
    public static bool Can(string? role, Permission permission) => role is not null && Table.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>The roles that have the permission, highest first.</summary>
    public static string[] With(Permission permission) => All.Where(role => Can(role, permission)).ToArray();

    /// <summary>
    /// Whether a person may head a department and work on its follow-up cases: someone who works on data and
    /// sees that department (every department, or it is one of theirs). A viewer never does.
    /// </summary>
    public static bool MayHead(string? role, IEnumerable<Guid> ownDepartmentIds, Guid departmentId) => MayWorkOn(role, ownDepartmentIds, departmentId);

    /// <summary>Whether a person may work on a follow-up case of this department (null: a case of no department, which only those who see everything see).</summary>
    public static bool MayWorkOn(string? role, IEnumerable<Guid> ownDepartmentIds, Guid? departmentId) =>
        Can(role, Permission.Work) && (Can(role, Permission.SeeAllDepartments) || departmentId is { } id && ownDepartmentIds.Contains(id));
}
