using NpsCloud.Tenants.Domain;

namespace NpsCloud.UnitTests.Tenants;

public sealed class ApiKeyTests
{
    [Fact]
    public void A_new_key_names_its_id_carries_a_256_bit_secret_and_only_its_hash_is_kept()
    {
        var (key, plainText) = ApiKey.Create("CRM", ["read"], DateTimeOffset.UnixEpoch, null);

        Assert.Matches("^nps_live_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$", plainText);
        Assert.Equal(key.Id, ApiKey.IdOf(plainText));
        Assert.True(ApiKey.Matches(plainText, key.SecretHash));
        Assert.Equal(plainText[..17], key.Prefix);
        Assert.DoesNotContain(plainText[42..], Convert.ToBase64String(key.SecretHash));
    }

    [Fact]
    public void A_key_with_one_character_changed_does_not_match()
    {
        var (key, plainText) = ApiKey.Create("CRM", ["read"], DateTimeOffset.UnixEpoch, null);
        var tampered = plainText[..^1] + (plainText[^1] == 'a' ? 'b' : 'a');

        Assert.Equal(key.Id, ApiKey.IdOf(tampered));
        Assert.False(ApiKey.Matches(tampered, key.SecretHash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nps_live_")]
    [InlineData("nps_test_0123456789abcdef0123456789abcdef_secret")]
    [InlineData("nps_live_0123456789abcdef0123456789abcdeX_secret")]
    [InlineData("nps_live_0123456789abcdef0123456789abcdef-secret")]
    public void Anything_not_shaped_like_our_keys_names_no_id(string presented) => Assert.Null(ApiKey.IdOf(presented));

    [Fact]
    public void Two_keys_never_share_a_secret()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => ApiKey.Create("k", ["read"], DateTimeOffset.UnixEpoch, null).PlainText[42..]).ToHashSet();
        Assert.Equal(100, secrets.Count);
    }
}
