namespace NpsCloud.Tenants.Features.Users;

/// <param name="Active">False while the account is deactivated (signing in is refused); <paramref name="DeactivatedAt"/> says since when.</param>
internal sealed record UserView(Guid Id, string Email, string Name, string Role, Guid[] DepartmentIds, bool LockedOut, DateTimeOffset CreatedAt, bool Active, DateTimeOffset? DeactivatedAt);

internal sealed record InvitationView(Guid Id, string Email, string Role, Guid[] DepartmentIds, DateTimeOffset ExpiresAt);
