namespace NpsCloud.BuildingBlocks.Persistence;

/// <summary>
/// A row that belongs to one department (or to none). Its entity has a property named <c>DepartmentId</c>
/// (<see cref="Guid"/> or <see cref="Nullable{Guid}"/>); <see cref="ModuleDbContext"/> hides the row from a
/// caller limited to other departments (see <c>ITenantContext.VisibleDepartments</c>) and refuses to add,
/// change or delete it for such a caller. A row without a department is visible only to callers who see
/// every department.
/// </summary>
public interface IDepartmentOwned
{
    /// <summary>The department the row belongs to, for the save check (the query filter reads <c>DepartmentId</c> itself).</summary>
    Guid? OwningDepartmentId { get; }
}
