using NpsCloud.BuildingBlocks.Database;
using NpsCloud.Tenants.Features.ApiKeys;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// <c>nps_api_keys</c> (migration 0021): a key changed or was deleted on some host (or by hand); this host
/// forgets its copy. A payload that is not a key id forgets every key.
/// </summary>
internal sealed class ApiKeyChanges(ApiKeyCache keys) : IDatabaseNotificationListener
{
    public const string ChannelName = "nps_api_keys";

    public string Channel => ChannelName;

    public void OnNotification(string payload)
    {
        if (Guid.TryParse(payload, out var keyId)) keys.Forget(keyId);
        else keys.Clear();
    }

    /// <summary>Changes made while the connection was down were not heard.</summary>
    public void OnListening() => keys.Clear();
}

/// <summary>
/// <c>nps_tenants</c> (migration 0021): a company's row changed or was deleted; this host forgets its
/// profile and its keys (they carry the company's API rate limit).
/// </summary>
internal sealed class TenantChanges(TenantProfileCache profiles, ApiKeyCache keys) : IDatabaseNotificationListener
{
    public const string ChannelName = "nps_tenants";

    public string Channel => ChannelName;

    public void OnNotification(string payload)
    {
        if (Guid.TryParse(payload, out var tenantId))
        {
            profiles.Forget(tenantId);
            keys.ForgetTenant(tenantId);
        }
        else
        {
            OnListening();
        }
    }

    /// <summary>Changes made while the connection was down were not heard.</summary>
    public void OnListening()
    {
        profiles.Clear();
        keys.Clear();
    }
}
