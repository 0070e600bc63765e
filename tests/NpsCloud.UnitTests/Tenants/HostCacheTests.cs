using Microsoft.Extensions.Time.Testing;
using NpsCloud.Tenants.Accounts;
using NpsCloud.Tenants.Domain;
using NpsCloud.Tenants.Features.ApiKeys;
using NpsCloud.Tenants.Features.Settings;

namespace NpsCloud.UnitTests.Tenants;

/// <summary>The host's copies of key rows and tenant profiles: kept a while, forgotten on a change, cleared when the listening connection is back.</summary>
public sealed class HostCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Guid _tenant = Guid.NewGuid();
    private int _lookUps;

    [Fact]
    public async Task A_key_row_is_looked_up_once_within_its_lifetime_and_again_after_it()
    {
        var cache = new ApiKeyCache(Lifetime, _clock);
        var key = Guid.NewGuid();

        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);
        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);
        Assert.Equal(1, _lookUps);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);
        Assert.Equal(2, _lookUps);
    }

    [Fact]
    public async Task A_key_that_does_not_exist_is_not_kept()
    {
        var cache = new ApiKeyCache(Lifetime, _clock);

        Assert.Null(await cache.GetAsync(Guid.NewGuid(), (_, _) => Task.FromResult<ApiKeyRecord?>(null), CancellationToken.None));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_key_change_or_its_company_change_heard_is_forgotten()
    {
        var cache = new ApiKeyCache(Lifetime, _clock);
        var keyChanges = new ApiKeyChanges(cache);
        var tenantChanges = new TenantChanges(new TenantProfileCache(Lifetime, _clock), cache);
        var key = Guid.NewGuid();
        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);

        keyChanges.OnNotification(key.ToString());
        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);
        keyChanges.OnNotification(Guid.NewGuid().ToString());
        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);
        Assert.Equal(2, _lookUps);

        tenantChanges.OnNotification(_tenant.ToString());
        await cache.GetAsync(key, LookUpAsync, CancellationToken.None);
        Assert.Equal(3, _lookUps);
    }

    [Fact]
    public async Task A_look_up_that_was_under_way_when_a_change_was_heard_does_not_keep_what_it_read()
    {
        var cache = new ApiKeyCache(Lifetime, _clock);
        var key = Guid.NewGuid();

        await cache.GetAsync(key, async (id, cancellationToken) =>
        {
            var row = await LookUpAsync(id, cancellationToken);
            cache.Forget(id); // the revocation is heard while this read's answer is on its way back
            return row;
        }, CancellationToken.None);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Every_copy_is_forgotten_when_the_listening_connection_is_back()
    {
        var keys = new ApiKeyCache(Lifetime, _clock);
        var profiles = new TenantProfileCache(Lifetime, _clock);
        await keys.GetAsync(Guid.NewGuid(), LookUpAsync, CancellationToken.None);
        profiles.Keep(Company(), profiles.Generation);
        Assert.True(profiles.TryGet(_tenant, out _));

        new ApiKeyChanges(keys).OnListening();
        Assert.Equal(0, keys.Count);

        await keys.GetAsync(Guid.NewGuid(), LookUpAsync, CancellationToken.None);
        new TenantChanges(profiles, keys).OnListening();
        Assert.Equal(0, keys.Count);
        Assert.False(profiles.TryGet(_tenant, out _));
    }

    [Fact]
    public void A_profile_is_kept_for_its_lifetime_and_not_when_a_change_was_heard_while_it_was_read()
    {
        var profiles = new TenantProfileCache(Lifetime, _clock);
        var before = profiles.Generation;
        new TenantChanges(profiles, new ApiKeyCache(Lifetime, _clock)).OnNotification(_tenant.ToString());
        profiles.Keep(Company(), before);
        Assert.False(profiles.TryGet(_tenant, out _));

        profiles.Keep(Company(), profiles.Generation);
        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(profiles.TryGet(_tenant, out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(profiles.TryGet(_tenant, out _));
    }

    [Fact]
    public async Task A_zero_lifetime_keeps_nothing()
    {
        var keys = new ApiKeyCache(TimeSpan.Zero, _clock);
        var profiles = new TenantProfileCache(TimeSpan.Zero, _clock);

        await keys.GetAsync(Guid.NewGuid(), LookUpAsync, CancellationToken.None);
        profiles.Keep(Company(), profiles.Generation);

        Assert.Equal(0, keys.Count);
        Assert.False(profiles.TryGet(_tenant, out _));
    }

    private Task<ApiKeyRecord?> LookUpAsync(Guid keyId, CancellationToken cancellationToken)
    {
        _lookUps++;
        return Task.FromResult<ApiKeyRecord?>(new ApiKeyRecord(_tenant, [1, 2, 3], ["read"], null, [], null));
    }

    private Tenant Company() => new()
    {
        TenantId = _tenant,
        Name = "Acme",
        Status = TenantStatus.Trial,
        TrialEndsAt = _clock.GetUtcNow().AddDays(14),
        Locale = "en",
        TimeZone = "Europe/Istanbul",
    };
}
