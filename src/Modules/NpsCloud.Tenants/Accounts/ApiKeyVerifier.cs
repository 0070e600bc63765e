using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// Finds a presented key by the id written in it, compares the hash of the whole key in constant time,
/// and refuses a revoked key at once (no cache).
/// </summary>
internal sealed class ApiKeyVerifier(CrossTenantLookup lookup, TenantConnectionFactory connections, TimeProvider clock) : IApiKeyVerifier
{
    public async Task<VerifiedApiKey?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKey.IdOf(presented) is not { } keyId
            || await lookup.ApiKeyAsync(keyId, cancellationToken) is not { } key
            || !ApiKey.Matches(presented, key.SecretHash)
            || key.RevokedAt is not null)
        {
            return null;
        }

        return new VerifiedApiKey(key.TenantId, keyId, key.Scopes, key.DepartmentIds, key.RequestsPerMinute);
    }

    /// <summary>Last use, to the minute: one write per key per minute, not one per request.</summary>
    public async Task RecordUseAsync(VerifiedApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            update tenants.api_keys set last_used_at = $3
             where tenant_id = $1 and id = $2 and (last_used_at is null or last_used_at < $3 - interval '1 minute')
            """, connection);
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.KeyId);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
