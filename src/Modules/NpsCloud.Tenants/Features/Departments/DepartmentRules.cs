using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts.Tenants;

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
    /// The head must be an active user of this tenant (another tenant's user id is simply not found) who may see
    /// the department and work on it (<see cref="Roles.MayHead"/>: not a viewer, not another department's head);
    /// <paramref name="departmentId"/> null for a department being added, which no department head has yet.
    /// </summary>
    public static async Task EnsureMayHeadAsync(TenantsDbContext db, Guid? userId, Guid? departmentId, IStringLocalizer<TenantsText> text, CancellationToken cancellationToken)
    {
        if (userId is not { } id) return;
        var user = await db.Users.AsNoTracking().Include(u => u.Departments).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException("The user named as head");
        if (!user.IsActive || !Roles.MayWorkOn(user.Role, user.Departments.Select(d => d.DepartmentId), departmentId))
        {
            throw new RequestValidationException("headUserId", text["Validation.HeadCannotSeeDepartment"]);
        }
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

    // Readers of the JSON Merge Patch body of PATCH /departments/{id}.
    internal static string ReadString(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new RequestValidationException(field, "Must be a string.");

    internal static int ReadHours(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var hours) ? hours : throw new RequestValidationException(field, "Must be a whole number of hours or null.");

    internal static Guid ReadGuid(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id) ? id : throw new RequestValidationException(field, "Must be a user id (a UUID) or null.");
}
