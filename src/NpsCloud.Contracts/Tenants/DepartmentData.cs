namespace NpsCloud.Contracts.Tenants;

/// <summary>
/// Implemented by each module that keeps data about departments (surveys, responses, goals, follow-ups).
/// Deleting a department that any module has data for archives it instead, so nothing stored is lost.
/// </summary>
public interface IDepartmentDataCheck
{
    Task<bool> HasDataAsync(Guid departmentId, CancellationToken cancellationToken);
}
