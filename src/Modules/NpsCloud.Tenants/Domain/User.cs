using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Tenants.Domain;

/// <summary>A person who signs in; one account per email address across the product. What their role may do is <c>Roles</c> in NpsCloud.Contracts.</summary>
internal sealed class User : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Locale { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }

    /// <summary>The TOTP secret in base32 (what an authenticator app takes); null until the person sets one up.</summary>
    public string? AuthenticatorKey { get; set; }
    public bool TwoFactorEnabled { get; set; }

    /// <summary>The 30-second step of the last accepted TOTP code: a code is accepted once, and never one of an earlier step.</summary>
    public long? LastTotpStep { get; set; }

    /// <summary>SHA-256 (hex) of each unused recovery code; the codes themselves are shown once.</summary>
    public string[] RecoveryCodeHashes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set while the account is deactivated: signing in is refused, and the person keeps no role in the work (no cases, no headships).</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>Ends every session of the person at their next request (sessions carry the stamp they were issued with).</summary>
    public void RotateSecurityStamp() => SecurityStamp = Guid.NewGuid().ToString("N");

    public List<UserDepartment> Departments { get; init; } = [];
}

internal sealed class UserDepartment : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid UserId { get; init; }
    public Guid DepartmentId { get; init; }
}
