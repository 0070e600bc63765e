using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>
/// Web push for cases assigned to a person, against a push service on this machine: the test plays the
/// browser (its own keys), checks the VAPID signature and decrypts what arrived.
/// </summary>
public sealed partial class WebPushTests(WebPushTests.Fixture fixture) : IClassFixture<WebPushTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        public LocalPushService Push { get; } = new();

        // The local push service speaks plain http; production takes https endpoints only.
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSetting("FollowUps:Push:AllowLoopbackHttp", "true");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Push.Dispose();
        }
    }

    private sealed record SignedInOwner(TenantApi.SignedUp Company, HttpClient Api, HttpClient Browser, string PublicKey, string Token);

    private async Task<SignedInOwner> OwnerOnTheInboxAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var browser = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        var inbox = await browser.GetStringAsync("/app/follow-ups");
        Assert.Contains("Notify me on this phone", inbox);
        var publicKey = PublicKey().Match(inbox).Groups[1].Value;
        var token = Token().Match(inbox).Groups[1].Value;
        return new SignedInOwner(company, fixture.App.WithKey(company.ApiKey), browser, publicKey, token);
    }

    private static Task<HttpResponseMessage> SubscribeAsync(SignedInOwner owner, object body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/app/push-subscriptions") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token ?? owner.Token);
        return owner.Browser.SendAsync(request);
    }

    private static object Subscription(string endpoint, BrowserPushKeys keys) => new { endpoint, keys = new { p256dh = keys.P256dh, auth = keys.AuthText } };

    [Fact]
    public async Task A_case_opened_for_a_person_is_pushed_to_their_phone_signed_with_the_served_key_and_readable_only_with_the_phones_keys()
    {
        var owner = await OwnerOnTheInboxAsync();
        using var phone = new BrowserPushKeys();
        var path = $"/push/{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.NoContent, (await SubscribeAsync(owner, Subscription(fixture.Push.Origin + path, phone))).StatusCode);
        var survey = await SurveyApi.ActiveTransactionalAsync(owner.Api);
        var department = (await (await owner.Api.PostAsJsonAsync("/api/v1/departments", new { name = "Teslimat" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var recorded = await ResponseApi.RecordAsync(owner.Api, new { surveyId = survey, email = $"late-{Guid.NewGuid():N}@example.test", score = 3, comment = "Secret complaint text.", departmentId = department });
        var caseId = (await FollowUpApi.WaitForCaseAsync(owner.Api, recorded.GetProperty("id").GetGuid())).GetProperty("id").GetGuid();

        var push = await Poll.ForAsync(() => Task.FromResult(fixture.Push.Pushes.FirstOrDefault(p => p.Path == path)), "the push");
        Assert.Equal("aes128gcm", push.ContentEncoding);
        Assert.Equal("86400", push.Ttl);
        // The audience is the push service's origin. The library writes it without the port, which is the origin
        // of every real push service (https on 443) but not of this local one on its free port.
        BrowserPushKeys.VerifyVapid(push.Authorization, owner.PublicKey, "http://127.0.0.1", DateTimeOffset.UtcNow);
        using var payload = JsonDocument.Parse(phone.Decrypt(push.Body));
        Assert.Equal("A case for you: score 3/10", payload.RootElement.GetProperty("title").GetString());
        Assert.Equal("Teslimat · open the case", payload.RootElement.GetProperty("body").GetString());
        Assert.Equal($"/app/follow-ups/{caseId}", payload.RootElement.GetProperty("url").GetString());
        // A lock screen shows it: never the customer's words.
        Assert.DoesNotContain("Secret complaint", payload.RootElement.GetRawText());
        // Someone else's keys read nothing.
        using var stranger = new BrowserPushKeys();
        Assert.ThrowsAny<Exception>(() => stranger.Decrypt(push.Body));
    }

    [Fact]
    public async Task A_phone_the_push_service_says_is_gone_is_removed_and_another_companys_case_pushes_nothing_to_it()
    {
        var owner = await OwnerOnTheInboxAsync();
        var other = await OwnerOnTheInboxAsync();
        using var phone = new BrowserPushKeys();
        using var otherPhone = new BrowserPushKeys();
        var gone = $"/push/{Guid.NewGuid():N}";
        var otherPath = $"/push/{Guid.NewGuid():N}";
        fixture.Push.AnswerWith(gone, HttpStatusCode.Gone);
        await SubscribeAsync(owner, Subscription(fixture.Push.Origin + gone, phone));
        await SubscribeAsync(other, Subscription(fixture.Push.Origin + otherPath, otherPhone));
        Assert.Equal(1L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from followups.push_subscriptions where tenant_id = '{owner.Company.TenantId}'"));

        var survey = await SurveyApi.ActiveTransactionalAsync(other.Api);
        var recorded = await ResponseApi.RecordAsync(other.Api, new { surveyId = survey, email = $"x-{Guid.NewGuid():N}@example.test", score = 2, comment = "Bad." });
        await FollowUpApi.WaitForCaseAsync(other.Api, recorded.GetProperty("id").GetGuid());
        await Poll.UntilAsync(() => Task.FromResult(fixture.Push.Pushes.Any(p => p.Path == otherPath)), "the other company's push");

        var ownSurvey = await SurveyApi.ActiveTransactionalAsync(owner.Api);
        var own = await ResponseApi.RecordAsync(owner.Api, new { surveyId = ownSurvey, email = $"y-{Guid.NewGuid():N}@example.test", score = 1, comment = "Worse." });
        await FollowUpApi.WaitForCaseAsync(owner.Api, own.GetProperty("id").GetGuid());

        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from followups.push_subscriptions where tenant_id = '{owner.Company.TenantId}'") == 0, "the gone phone to be removed");
        Assert.Single(fixture.Push.Pushes, p => p.Path == gone);
        Assert.Single(fixture.Push.Pushes, p => p.Path == otherPath);
    }

    [Theory]
    [InlineData("endpoint", "https://push.example.test/a\u0000b", null, null)]
    [InlineData("endpoint", "http://push.example.test/not-https", null, null)]
    [InlineData("endpoint", "not an address", null, null)]
    [InlineData("keys.p256dh", null, "not*base64", null)]
    [InlineData("keys.p256dh", null, "AAAA", null)]
    [InlineData("keys.auth", null, null, "@@@")]
    public async Task A_subscription_with_bad_input_is_refused_naming_the_field(string field, string? endpoint, string? p256dh, string? auth)
    {
        var owner = await OwnerOnTheInboxAsync();
        using var phone = new BrowserPushKeys();

        var answer = await SubscribeAsync(owner, new
        {
            endpoint = endpoint ?? "https://push.example.test/" + Guid.NewGuid(),
            keys = new { p256dh = p256dh ?? phone.P256dh, auth = auth ?? phone.AuthText },
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_subscription_without_the_pages_antiforgery_token_is_refused()
    {
        var owner = await OwnerOnTheInboxAsync();
        using var phone = new BrowserPushKeys();

        var answer = await SubscribeAsync(owner, Subscription("https://push.example.test/" + Guid.NewGuid(), phone), token: "forged");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from followups.push_subscriptions where tenant_id = '{owner.Company.TenantId}'"));
    }

    [GeneratedRegex("data-public-key=\"([A-Za-z0-9_-]+)\"")]
    private static partial Regex PublicKey();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
