using System.Security.Claims;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Users;

/// <summary>Who asks for a change to people: a signed-in person, or an API key (which acts for the person who created it, at most as far as its scope goes).</summary>
internal sealed record UserActor(Guid? UserId, Guid? ApiKeyId)
{
    public static UserActor Of(ClaimsPrincipal principal) => new(
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var user) ? user : null,
        Guid.TryParse(principal.FindFirstValue(ApiKeyClaims.KeyId), out var key) ? key : null);
}

/// <summary>A refusal because only an owner may do this (make, demote, deactivate or remove an owner, transfer ownership).</summary>
internal sealed class OwnerOnlyException(string detail) : DomainException(403, "owner_only", "Only an owner may do this", detail);

/// <summary>A refusal because the company would be left without an active owner.</summary>
internal sealed class LastOwnerException(string detail) : DomainException(409, "last_owner", "The company needs an owner", detail);

/// <summary>The rules every change to a person shares: who may change whom, the last owner, and what a reduced access takes away.</summary>
internal static class UserRules
{
    public static async Task<User> FindAsync(TenantsDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Users.Include(u => u.Departments).FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("The user");

    /// <summary>
    /// The role the actor acts with, read now (not from a session that may be older than a change): a person's
    /// own role while their account is active; an admin key's creator's role when that is an active owner,
    /// otherwise Admin (the scope's own reach). Null: no role, so no permission.
    /// </summary>
    public static async Task<(string? Role, Guid? UserId)> ActingAsync(TenantsDbContext db, UserActor actor, CancellationToken cancellationToken)
    {
        if (actor.UserId is { } userId)
        {
            var role = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.DeactivatedAt == null).Select(u => u.Role).FirstOrDefaultAsync(cancellationToken);
            return (role, userId);
        }

        if (actor.ApiKeyId is not { } keyId) return (null, null);
        var creator = await db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => k.CreatedBy).FirstOrDefaultAsync(cancellationToken);
        var creatorIsOwner = creator is { } creatorId
            && await db.Users.AnyAsync(u => u.Id == creatorId && u.DeactivatedAt == null && u.Role == Roles.Owner, cancellationToken);
        return creatorIsOwner ? (Roles.Owner, creator) : (Roles.Admin, null);
    }

    /// <summary>The actor may manage people at all, and owners when the target is (or becomes) one.</summary>
    public static void EnsureMayChange(string? actingRole, string targetRole, string? newRole, IStringLocalizer<TenantsText> text)
    {
        if (!Roles.Can(actingRole, Permission.ManageUsers)) throw new OwnerOnlyException(text["Users.NotAllowed"]);
        if ((targetRole == Roles.Owner || newRole == Roles.Owner) && !Roles.Can(actingRole, Permission.ManageOwners))
        {
            throw new OwnerOnlyException(text["Users.OwnerOnly"]);
        }
    }

    /// <summary>An owner who stops being an active owner must leave another one behind.</summary>
    public static async Task EnsureAnotherOwnerAsync(TenantsDbContext db, User owner, IStringLocalizer<TenantsText> text, CancellationToken cancellationToken)
    {
        if (owner.Role != Roles.Owner || !owner.IsActive) return;
        if (!await db.Users.AnyAsync(u => u.Id != owner.Id && u.Role == Roles.Owner && u.DeactivatedAt == null, cancellationToken))
        {
            throw new LastOwnerException(text["Users.LastOwner"]);
        }
    }

    /// <summary>
    /// The person whose access the actor takes away (deactivating, removing): someone the actor may change,
    /// and never the actor themselves.
    /// </summary>
    public static async Task<User> FindToTakeAccessFromAsync(TenantsDbContext db, Guid id, UserActor actor, IStringLocalizer<TenantsText> text, CancellationToken cancellationToken)
    {
        var user = await FindAsync(db, id, cancellationToken);
        var (actingRole, actingUserId) = await ActingAsync(db, actor, cancellationToken);
        EnsureMayChange(actingRole, user.Role, null, text);
        EnsureNotSelf(actingUserId, user, text);
        return user;
    }

    public static void EnsureNotSelf(Guid? actingUserId, User target, IStringLocalizer<TenantsText> text)
    {
        if (actingUserId == target.Id) throw new ConflictException(text["Users.NotYourself"]);
    }

    /// <summary>Who takes over the open cases of someone whose access was reduced: the company's earliest active owner other than them.</summary>
    public static async Task<User> SuccessorAsync(TenantsDbContext db, Guid leaving, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id != leaving && u.Role == Roles.Owner && u.DeactivatedAt == null)
            .OrderBy(u => u.CreatedAt).FirstAsync(cancellationToken);

    /// <summary>
    /// The one rule that keeps departments' heads in step with people: a department's head is always someone
    /// who may see it and work on it (<see cref="Roles.MayHead"/>), and active. Every department the person heads
    /// but no longer may loses them as head. <paramref name="leaving"/>: deactivated or removed (heads nothing).
    /// </summary>
    public static async Task<Guid[]> ReleaseHeadshipsAsync(TenantsDbContext db, User user, bool leaving, CancellationToken cancellationToken)
    {
        var departmentIds = user.Departments.Select(d => d.DepartmentId).ToList();
        var headed = await db.Departments.Where(d => d.HeadUserId == user.Id).ToListAsync(cancellationToken);
        var released = headed.Where(d => leaving || !Roles.MayHead(user.Role, departmentIds, d.Id)).ToList();
        foreach (var department in released) department.HeadUserId = null;
        return released.Select(d => d.Id).ToArray();
    }

    /// <summary>What a change that narrows a person's access does besides itself, in the same transaction.</summary>
    public static async Task<UserChangeOutcome> ReduceAccessAsync(
        TenantsDbContext db, IMediator mediator, ApiKeyCache keys, User user, string reason, bool revokeApiKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leaving = reason != UserChangeReasons.RoleChanged;
        user.RotateSecurityStamp();
        var released = await ReleaseHeadshipsAsync(db, user, leaving, cancellationToken);
        var revoked = revokeApiKeys ? await RevokeApiKey.CreatedByAsync(db, keys, user.Id, now, cancellationToken) : 0;
        var role = leaving ? null : user.Role;
        var departmentIds = user.Departments.Select(d => d.DepartmentId).ToList();
        var handedOver = await mediator.Send(new CountOpenCasesToHandOver(user.Id, role, departmentIds), cancellationToken);
        Guid? successor = null;
        if (handedOver > 0)
        {
            successor = (await SuccessorAsync(db, user.Id, cancellationToken)).Id;
            db.Publish(new UserAccessReduced(Guid.CreateVersion7(now), user.TenantId, now, user.Id, role, departmentIds, successor.Value, reason));
        }

        return new UserChangeOutcome(null, released, revoked, handedOver, successor);
    }

    /// <summary>The department ids of a JSON Merge Patch body (null is none).</summary>
    internal static Guid[] ReadIds(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new RequestValidationException(field, "Must be a list of department ids (UUIDs).");
        if (value.GetArrayLength() > ChangeUser.MaxDepartments) throw new RequestValidationException(field, $"At most {ChangeUser.MaxDepartments} departments.");
        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String && item.TryGetGuid(out var id) ? id : throw new RequestValidationException(field, "Must be a list of department ids (UUIDs)."))
            .ToArray();
    }
}

internal static class UserChangeReasons
{
    public const string RoleChanged = "role_changed";
    public const string Deactivated = "deactivated";
    public const string Removed = "removed";
}

/// <summary>What a change to a person did besides itself.</summary>
/// <param name="User">The person as they are now; null once removed.</param>
/// <param name="DepartmentsNoLongerHeaded">The departments that lost the person as head (they may no longer see them).</param>
/// <param name="ApiKeysRevoked">The person's API keys revoked with the change, when asked for.</param>
/// <param name="OpenCasesHandedOver">Their open follow-up cases that go to <paramref name="CasesHandedOverTo"/> (the owner), moments after the change.</param>
internal sealed record UserChangeOutcome(UserView? User, Guid[] DepartmentsNoLongerHeaded, int ApiKeysRevoked, int OpenCasesHandedOver, Guid? CasesHandedOverTo);
