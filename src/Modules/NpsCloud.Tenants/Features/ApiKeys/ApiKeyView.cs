using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.ApiKeys;

/// <param name="DepartmentIds">The departments the key is limited to; empty for a key that sees the whole company.</param>
internal sealed record ApiKeyView(Guid Id, string Name, string Prefix, string[] Scopes, Guid[] DepartmentIds, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    internal static ApiKeyView From(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.Scopes, key.DepartmentIds, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}
