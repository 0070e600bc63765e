using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Tenants.Domain;

/// <summary>
/// One signed-in browser. The session cookie carries its id; a request is let in only while the row is not
/// ended and the user's security stamp is the one the cookie was issued with.
/// </summary>
internal sealed class Session : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the person last proved who they are here (sign-in, or re-entering the password or a code).</summary>
    public DateTimeOffset AuthenticatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
