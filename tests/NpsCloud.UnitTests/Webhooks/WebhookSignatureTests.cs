using NpsCloud.Webhooks.Domain;

namespace NpsCloud.UnitTests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signs_the_standard_webhooks_reference_example()
    {
        // The example of the Standard Webhooks reference libraries.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Two_secrets_give_two_signatures_separated_by_a_space_the_first_secret_first()
    {
        var (current, previous) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());

        var header = WebhookSignature.Header([current, previous], "msg_1", 1700000000, "{}");

        Assert.Equal($"{WebhookSignature.Sign(current, "msg_1", 1700000000, "{}")} {WebhookSignature.Sign(previous, "msg_1", 1700000000, "{}")}", header);
    }

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }
}
