using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Departments;

internal static class DepartmentRules
{
    public const int MaxNameLength = 100;

    public static NotFoundException NotFound() => new("The department");

    public static IRuleBuilderOptions<T, string> ValidDepartmentName<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<TenantsText> text) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.DepartmentNameRequired"])
            .MaximumLength(MaxNameLength).WithMessage(_ => text["Validation.DepartmentNameTooLong", MaxNameLength]);

    /// <summary>A department's own follow-up SLA: the same range as the company's; null follows the company.</summary>
    public static IRuleBuilderOptions<T, int?> ValidSlaHours<T>(this IRuleBuilder<T, int?> rule, IStringLocalizer<TenantsText> text) =>
        rule.InclusiveBetween(1, 720).WithMessage(_ => text["Validation.SlaHours", 1, 720]);

    /// <summary>
    /// The head must be a user of this tenant (another tenant's user id is simply not found) who may see
    /// the department: an owner, an admin, or a department head whose departments include it. A viewer or
    /// another department's head would receive its alerts (detractors' comments, customers' emails)
    /// without being allowed to see them, so they are refused (400 naming <c>headUserId</c>).
    /// </summary>
    public static async Task EnsureHeadMaySeeAsync(
        TenantsDbContext db, Guid? userId, Guid departmentId, IStringLocalizer<TenantsText> text, CancellationToken cancellationToken)
    {
        if (userId is not { } id) return;
        var user = await db.Users.AsNoTracking().Include(u => u.Departments).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException("The user named as head");
        var maySee = user.Role is Roles.Owner or Roles.Admin
            || user.Role == Roles.DepartmentHead && user.Departments.Any(d => d.DepartmentId == departmentId);
        if (!maySee) throw new RequestValidationException("headUserId", text["Validation.HeadCannotSeeDepartment"]);
    }

    /// <summary>Saves, turning the database's unique-name refusal (a concurrent create) into a 409.</summary>
    public static async Task SaveUniqueAsync(TenantsDbContext db, string name, IStringLocalizer<TenantsText> text, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException(text["Departments.NameTaken", name]);
        }
    }

    public static async Task EnsureNameFreeAsync(TenantsDbContext db, string name, Guid? except, IStringLocalizer<TenantsText> text, CancellationToken cancellationToken)
    {
        var lowered = name.ToLower();
        if (await db.Departments.AnyAsync(d => d.ArchivedAt == null && d.Id != except && d.Name.ToLower() == lowered, cancellationToken))
        {
            throw new ConflictException(text["Departments.NameTaken", name]);
        }
    }
}
