using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.ApiKeys;

/// <param name="DepartmentIds">The departments the key is limited to; empty for a key that sees the whole company.</param>
/// <param name="LastUsedAt">As stored (written every <c>ApiKeys:LastUsedFlushInterval</c>), or this host's later unwritten use (<see cref="ApiKeyUses"/>).</param>
internal sealed record ApiKeyView(Guid Id, string Name, string Prefix, string[] Scopes, Guid[] DepartmentIds, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    internal static ApiKeyView From(ApiKey key, ApiKeyUses uses) =>
        new(key.Id, key.Name, key.Prefix, key.Scopes, key.DepartmentIds, key.CreatedAt, uses.LastUsedAt(key.Id, key.LastUsedAt), key.RevokedAt);
}
