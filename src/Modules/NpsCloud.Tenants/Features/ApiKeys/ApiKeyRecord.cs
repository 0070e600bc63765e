namespace NpsCloud.Tenants.Features.ApiKeys;

/// <summary>A key's row as the cross-tenant lookup (<c>tenants.find_api_key</c>) answers it, and as <see cref="ApiKeyCache"/> keeps it.</summary>
/// <param name="DepartmentIds">The departments the key is limited to; empty for a tenant-wide key.</param>
/// <param name="RequestsPerMinute">The company's own limit on calls per key and minute; null follows the default.</param>
internal sealed record ApiKeyRecord(Guid TenantId, byte[] SecretHash, string[] Scopes, DateTimeOffset? RevokedAt, Guid[] DepartmentIds, int? RequestsPerMinute);
