using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// Finds a presented key by the id written in it (this host's copy of the row, <see cref="ApiKeyCache"/>,
/// else the cross-tenant look-up), compares the hash of the whole key in constant time at every request,
/// and refuses a revoked key. A revocation reaches every host's copy at once by notification.
/// </summary>
internal sealed class ApiKeyVerifier(CrossTenantLookup lookup, ApiKeyCache cache, ApiKeyUses uses, TimeProvider clock) : IApiKeyVerifier
{
    public async Task<VerifiedApiKey?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKey.IdOf(presented) is not { } keyId
            || await cache.GetAsync(keyId, lookup.ApiKeyAsync, cancellationToken) is not { } key
            || !ApiKey.Matches(presented, key.SecretHash)
            || key.RevokedAt is not null)
        {
            return null;
        }

        return new VerifiedApiKey(key.TenantId, keyId, key.Scopes, key.DepartmentIds, key.RequestsPerMinute);
    }

    /// <summary>In memory only: the host writes the last uses of all keys together (<see cref="ApiKeyUses"/>).</summary>
    public Task RecordUseAsync(VerifiedApiKey key, CancellationToken cancellationToken)
    {
        uses.Record(key.KeyId, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
