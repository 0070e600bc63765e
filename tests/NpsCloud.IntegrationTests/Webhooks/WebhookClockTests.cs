using System.Net;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>What time does to webhooks, on a fake clock and the shipped retry schedule: secret rotation, and disabling after five days of failures.</summary>
public sealed class WebhookClockTests(WebhookClockTests.Fixture fixture) : IClassFixture<WebhookClockTests.Fixture>
{
    private WebhookReceiver Receiver => fixture.Receiver;

    private static async Task RecordAsync(HttpClient api, Guid survey) =>
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = $"customer-{Guid.NewGuid():N}@example.test", score = 9 });

    [Fact]
    public async Task For_24_hours_after_a_rotation_deliveries_carry_the_new_and_the_old_signature_then_only_the_new()
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var url = Receiver.NewUrl();
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        var rotated = await (await api.PostAsync($"/api/v1/webhooks/{endpoint.Id}/rotate-secret", null)).JsonAsync(HttpStatusCode.OK);
        var secret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(endpoint.Secret, secret);
        Assert.Equal(fixture.App.Clock!.GetUtcNow().AddHours(24), rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());
        await RecordAsync(api, survey);
        var during = (await Receiver.WaitForAsync(url, 1, "the delivery during the overlap"))[0];

        Assert.Equal(2, during.Signatures.Count);
        Assert.True(during.IsSignedWith(secret));
        Assert.True(during.IsSignedWith(endpoint.Secret));

        fixture.App.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await RecordAsync(api, survey);
        var after = (await Receiver.WaitForAsync(url, 2, "the delivery after the overlap"))[1];

        Assert.Single(after.Signatures);
        Assert.True(after.IsSignedWith(secret));
        Assert.False(after.IsSignedWith(endpoint.Secret));
    }

    [Fact]
    public async Task An_endpoint_failing_for_five_days_is_disabled_and_the_owner_is_emailed()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var url = Receiver.NewUrl();
        Receiver.AlwaysAnswer(url, 500);
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");
        await RecordAsync(api, survey);
        await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 1);
        var failingSince = (await WebhookApi.GetAsync(api, endpoint.Id)).GetProperty("failingSince").GetDateTimeOffset();

        // Four days on, a new event fails too: still enabled.
        fixture.App.Clock!.Advance(TimeSpan.FromDays(4));
        await RecordAsync(api, survey);
        await Poll.UntilAsync(async () => (await WebhookApi.DeliveriesAsync(api, endpoint.Id)).All(d => d.GetProperty("attempts").GetInt32() >= 1), "the second event's attempt");
        Assert.Equal("enabled", (await WebhookApi.GetAsync(api, endpoint.Id)).GetProperty("status").GetString());

        // Past five days since the first failure, with no success since: the next failed retry disables it.
        fixture.App.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Webhook disabled"), "the email about the disabled webhook");

        Assert.Contains(url, mail.Subject);
        Assert.Contains($"/app/webhooks/{endpoint.Id}", mail.TextBody);
        var webhook = await WebhookApi.GetAsync(api, endpoint.Id);
        Assert.Equal("disabled", webhook.GetProperty("status").GetString());
        Assert.Equal("failing", webhook.GetProperty("disabledReason").GetString());
        Assert.Equal(failingSince, webhook.GetProperty("failingSince").GetDateTimeOffset());
        await Poll.UntilAsync(async () => (await WebhookApi.DeliveriesAsync(api, endpoint.Id)).All(d => d.GetProperty("status").GetString() == "disabled"),
            "both deliveries to stop");

        // Nothing more is queued or sent, and the managers were told once.
        var sent = Receiver.At(url).Count;
        fixture.App.Clock.Advance(TimeSpan.FromHours(11));
        await RecordAsync(api, survey);
        await FollowUps.FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal(2, (await WebhookApi.DeliveriesAsync(api, endpoint.Id)).Count);
        Assert.Equal(1, fixture.Smtp.Messages().Count(m => m.Subject.StartsWith("Webhook disabled") && m.Subject.Contains(url)));
        Assert.Equal(sent, Receiver.At(url).Count);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        public WebhookReceiver Receiver { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Receiver = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        // The clock starts weeks behind the database's, as in the follow-up clock tests: outbox events are due by the database's now().
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow.AddDays(-20))
            .WithSetting("Webhooks:AllowPrivate", "true")
            .WithSetting("Webhooks:PollInterval", "00:00:00.100");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
