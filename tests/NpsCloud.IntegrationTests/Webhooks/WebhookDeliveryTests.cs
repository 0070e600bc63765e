using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks to a real receiver (Kestrel on 127.0.0.1), on the real clock with a fast retry schedule: what
/// each event sends, signatures checked as a receiver would, retries, 410, redirects, Retry-After, redelivery.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookDeliveryTests.Fixture fixture) : IClassFixture<WebhookDeliveryTests.Fixture>
{
    private WebhookReceiver Receiver => fixture.Receiver;

    private async Task<(TenantApi.SignedUp Company, HttpClient Api)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        return (company, fixture.App.WithKey(company.ApiKey));
    }

    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private static JsonElement Payload(WebhookReceiver.Received received) => JsonDocument.Parse(received.Body).RootElement;

    private static async Task<Guid> RecordAsync(HttpClient api, int score = 9)
    {
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        return (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("customer"), score })).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Each_of_the_six_events_reaches_the_receiver_signed_with_the_secret_from_the_create_answer()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        var endpoint = await WebhookApi.CreateAsync(api, url);

        // A detractor answers from the invitation email: response.created and follow_up.created; then adds a comment: response.updated.
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var email = Address("unhappy");
        await SurveyApi.RequestAsync(api, survey, new { email });
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var page = "/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(invitation.TextBody!)[0]);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["score"] = "3" }));
        await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["score"] = "3", ["comment"] = "Late again." }));
        var responseId = Assert.Single(await ResponseApi.ListAsync(api)).GetProperty("id").GetGuid();
        // The case is contacted: follow_up.status_changed.
        var caseId = (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid();
        await FollowUpApi.StatusAsync(api, caseId, "contacted");
        // A goal is reviewed: goal.reviewed.
        var department = await TenantApi.CreateDepartmentAsync(api, "Teslimat");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var goal = (await (await api.PostAsJsonAsync("/api/v1/goals", new { departmentId = department, targetNps = 30, periodStart = today.AddDays(-10), periodEnd = today.AddDays(20) }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await api.PostAsync($"/api/v1/goals/{goal}/reviews", null)).JsonAsync(HttpStatusCode.Created);
        // The person unsubscribes with the email's link, twice: contact.unsubscribed, once.
        var unsubscribe = new Uri(invitation.Headers["List-Unsubscribe"].Trim('<', '>')).PathAndQuery;
        var oneClick = new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(unsubscribe, oneClick)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(unsubscribe, oneClick)).StatusCode);

        var received = await Receiver.WaitForAsync(url, 6, "one webhook of each type");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        await Poll.UntilAsync(async () => (await WebhookApi.DeliveriesAsync(api, endpoint.Id)).All(d => d.GetProperty("status").GetString() == "succeeded"), "every delivery to succeed");

        Assert.Equal(WebhookApi.AllEvents.Order(), Receiver.At(url).Select(r => Payload(r).GetProperty("type").GetString()).Order());
        Assert.All(received, r =>
        {
            Assert.True(r.IsSignedWith(endpoint.Secret), $"{r.Id} is not signed with the endpoint's secret");
            Assert.Single(r.Signatures);
            Assert.Matches("^msg_[0-9a-f]{32}$", r.Id);
            Assert.InRange(long.Parse(r.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.Equal("application/json", r.Headers["content-type"]);
            Assert.Equal("NpsCloud-Webhooks/1", r.Headers["user-agent"]);
            Assert.True(DateTimeOffset.TryParse(Payload(r).GetProperty("timestamp").GetString(), out _));
        });
        Assert.Equal(6, received.Select(r => r.Id).Distinct().Count());
        JsonElement Data(string type) => Payload(Receiver.At(url).Single(r => Payload(r).GetProperty("type").GetString() == type)).GetProperty("data");
        Assert.Equal(responseId, Data("response.created").GetProperty("responseId").GetGuid());
        Assert.Equal(3, Data("response.created").GetProperty("score").GetInt32());
        Assert.Equal("detractor", Data("response.created").GetProperty("category").GetString());
        Assert.True(Data("response.updated").GetProperty("hasComment").GetBoolean());
        Assert.Equal(2, Data("response.updated").GetProperty("revision").GetInt32());
        Assert.True(Data("response.updated").GetProperty("commentChanged").GetBoolean());
        Assert.Equal(caseId, Data("follow_up.created").GetProperty("caseId").GetGuid());
        Assert.Equal("contacted", Data("follow_up.status_changed").GetProperty("status").GetString());
        Assert.Equal("open", Data("follow_up.status_changed").GetProperty("previousStatus").GetString());
        Assert.Equal(goal, Data("goal.reviewed").GetProperty("goalId").GetGuid());
        Assert.Equal("link", Data("contact.unsubscribed").GetProperty("source").GetString());
        var contactId = Data("contact.unsubscribed").GetProperty("contactId").GetGuid();
        Assert.Equal(contactId, Data("response.created").GetProperty("contactId").GetGuid());

        // Unsubscribing an unsubscribed contact through the API changes nothing and sends nothing.
        await (await api.PostAsync($"/api/v1/contacts/{contactId}/unsubscribe", null)).JsonAsync(HttpStatusCode.OK);
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal(6, (await WebhookApi.DeliveriesAsync(api, endpoint.Id)).Count);
    }

    [Fact]
    public async Task Only_subscribed_events_are_sent_and_an_outbox_event_delivered_twice_queues_one_delivery()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");
        var other = await WebhookApi.CreateAsync(api, Receiver.NewUrl("unsubscribed"), "contact.unsubscribed");

        var responseId = await RecordAsync(api, score: 2); // also opens a follow-up, which nobody subscribed to
        await Receiver.WaitForAsync(url, 1, "the response.created webhook");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        await fixture.Database.ExecuteAsAdminAsync(
            $"update platform.outbox_messages set dispatched_at = null, next_attempt_at = now() where type like '%.ResponseRecorded' and payload->>'responseId' = '{responseId}'");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);

        Assert.Single(await WebhookApi.DeliveriesAsync(api, endpoint.Id));
        Assert.Empty(await WebhookApi.DeliveriesAsync(api, other.Id));
        Assert.Single(Receiver.At(url));
    }

    [Fact]
    public async Task A_receiver_answering_500_twice_then_200_gets_the_event_three_times_with_one_webhook_id()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        Receiver.AnswerWith(url, 500, 500);
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        await RecordAsync(api);

        var received = await Receiver.WaitForAsync(url, 3, "three attempts");
        var detail = await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 3);
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.All(received, r => Assert.True(r.IsSignedWith(endpoint.Secret)));
        Assert.Equal("succeeded", WebhookApi.StatusOf(detail));
        Assert.Equal(received[0].Id, detail.GetProperty("delivery").GetProperty("messageId").GetString());
        var attempts = detail.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.GetProperty("number").GetInt32()));
        Assert.Equal([500, 500, 200], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal("ok", attempts[2].GetProperty("responseBody").GetString());
        Assert.Equal(JsonValueKind.String, attempts[0].GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, attempts[2].GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await WebhookApi.GetAsync(api, endpoint.Id)).GetProperty("failingSince").ValueKind); // the success cleared it
        Assert.Equal(3, Receiver.At(url).Count);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_gets_eight_attempts_and_the_delivery_fails()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        Receiver.AlwaysAnswer(url, 500);
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        await RecordAsync(api);

        var detail = await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 8);
        Assert.Equal("failed", WebhookApi.StatusOf(detail));
        Assert.Equal(8, Receiver.At(url).Count);
        var webhook = await WebhookApi.GetAsync(api, endpoint.Id);
        Assert.Equal("enabled", webhook.GetProperty("status").GetString()); // five days have not passed
        Assert.Equal(JsonValueKind.String, webhook.GetProperty("failingSince").ValueKind);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_at_once_and_nothing_more_is_sent_until_it_is_enabled()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        Receiver.AnswerWith(url, 410);
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        await RecordAsync(api);

        var detail = await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 1);
        Assert.Equal("disabled", WebhookApi.StatusOf(detail));
        var webhook = await WebhookApi.GetAsync(api, endpoint.Id);
        Assert.Equal("disabled", webhook.GetProperty("status").GetString());
        Assert.Equal("gone", webhook.GetProperty("disabledReason").GetString());

        await RecordAsync(api);
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Single(await WebhookApi.DeliveriesAsync(api, endpoint.Id));
        var deliveryId = (await WebhookApi.DeliveriesAsync(api, endpoint.Id))[0].GetProperty("id").GetGuid();
        var refused = await (await api.PostAsync($"/api/v1/webhooks/{endpoint.Id}/deliveries/{deliveryId}/redeliver", null)).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("conflict", refused.GetProperty("code").GetString());

        var enabled = await (await api.PostAsync($"/api/v1/webhooks/{endpoint.Id}/enable", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("enabled", enabled.GetProperty("status").GetString());
        await RecordAsync(api);
        await Receiver.WaitForAsync(url, 2, "the event after enabling");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        var elsewhere = Receiver.NewUrl("elsewhere");
        Receiver.AnswerWith(url, response => { response.StatusCode = 302; response.Headers.Location = elsewhere; return Task.CompletedTask; });
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        await RecordAsync(api);

        var detail = await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 1);
        var first = detail.GetProperty("attempts")[0];
        Assert.Equal(302, first.GetProperty("statusCode").GetInt32());
        Assert.Equal("HTTP 302", first.GetProperty("error").GetString());
        Assert.Empty(Receiver.At(elsewhere));
        await Receiver.WaitForAsync(url, 2, "the retry at the same address");
        Assert.Empty(Receiver.At(elsewhere));
    }

    [Fact]
    public async Task A_retry_after_on_a_503_is_honoured_when_it_asks_for_longer_than_the_schedule()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        Receiver.AnswerWith(url, response => { response.StatusCode = 503; response.Headers.RetryAfter = "3600"; return Task.CompletedTask; });
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        await RecordAsync(api);

        var detail = await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 1);
        var first = detail.GetProperty("attempts")[0];
        var wait = first.GetProperty("nextAttemptAt").GetDateTimeOffset() - first.GetProperty("attemptedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(1), wait); // the test's schedule would have retried after 200 ms
        Assert.Equal("pending", WebhookApi.StatusOf(detail));
        Assert.Single(Receiver.At(url));
    }

    [Fact]
    public async Task Redelivering_sends_the_same_body_with_the_same_webhook_id_again()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");
        await RecordAsync(api);
        var first = Assert.Single(await Receiver.WaitForAsync(url, 1, "the first delivery"));
        var delivery = (await WebhookApi.DeliveriesAsync(api, endpoint.Id))[0].GetProperty("id").GetGuid();

        var response = await api.PostAsync($"/api/v1/webhooks/{endpoint.Id}/deliveries/{delivery}/redeliver", null);
        var queued = await response.JsonAsync(HttpStatusCode.Accepted);

        var again = (await Receiver.WaitForAsync(url, 2, "the redelivery"))[1];
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Body, again.Body);
        Assert.True(again.IsSignedWith(endpoint.Secret));
        Assert.Equal($"/api/v1/webhooks/{endpoint.Id}/deliveries/{queued.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        Assert.Equal(2, (await WebhookApi.DeliveriesAsync(api, endpoint.Id)).Count);
    }

    [Fact]
    public async Task A_test_event_reaches_an_endpoint_subscribed_to_other_events_signed_like_any_event()
    {
        var (_, api) = await CompanyAsync();
        var url = Receiver.NewUrl();
        var endpoint = await WebhookApi.CreateAsync(api, url, "goal.reviewed");

        var queued = await (await api.PostAsync($"/api/v1/webhooks/{endpoint.Id}/test", null)).JsonAsync(HttpStatusCode.Accepted);

        var received = Assert.Single(await Receiver.WaitForAsync(url, 1, "the test event"));
        Assert.True(received.IsSignedWith(endpoint.Secret));
        Assert.Equal(queued.GetProperty("messageId").GetString(), received.Id);
        Assert.Equal("webhook.test", Payload(received).GetProperty("type").GetString());
        Assert.Equal(endpoint.Id, Payload(received).GetProperty("data").GetProperty("webhookId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/webhooks/{Guid.NewGuid()}/test", null)).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_another_companys_webhook_is_a_404()
    {
        var (_, api) = await CompanyAsync();
        var (_, stranger) = await CompanyAsync();
        var endpoint = await WebhookApi.CreateAsync(api, Receiver.NewUrl(), "response.created", "goal.reviewed");
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", endpoint.Secret);

        var one = await api.GetStringAsync($"/api/v1/webhooks/{endpoint.Id}");
        var list = await api.GetStringAsync("/api/v1/webhooks");
        Assert.DoesNotContain("secret\"", one);
        Assert.DoesNotContain("whsec_", one + list);
        Assert.Contains(endpoint.Id.ToString(), list);
        var shown = await WebhookApi.GetAsync(api, endpoint.Id);
        Assert.Equal(["response.created", "goal.reviewed"], shown.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        foreach (var request in new Func<HttpClient, Task<HttpResponseMessage>>[]
                 {
                     c => c.GetAsync($"/api/v1/webhooks/{endpoint.Id}"),
                     c => c.GetAsync($"/api/v1/webhooks/{endpoint.Id}/deliveries"),
                     c => c.PostAsync($"/api/v1/webhooks/{endpoint.Id}/rotate-secret", null),
                     c => c.PostAsync($"/api/v1/webhooks/{endpoint.Id}/enable", null),
                     c => c.DeleteAsync($"/api/v1/webhooks/{endpoint.Id}"),
                 })
        {
            var problem = await (await request(stranger)).JsonAsync(HttpStatusCode.NotFound);
            Assert.Equal("not_found", problem.GetProperty("code").GetString());
        }

        Assert.DoesNotContain(endpoint.Id.ToString(), await stranger.GetStringAsync("/api/v1/webhooks"));
        await (await api.DeleteAsync($"/api/v1/webhooks/{endpoint.Id}")).JsonAsync(HttpStatusCode.NoContent);
        await (await api.GetAsync($"/api/v1/webhooks/{endpoint.Id}")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_a_write_key_cannot_register_and_a_company_has_at_most_20()
    {
        var (_, api) = await CompanyAsync();

        var problem = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://example.com/x", events = new[] { "response.created", "order.shipped" } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("events", out _));
        problem = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.com/" + new string('a', 2048), events = Array.Empty<string>() }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("events", out _));

        var writer = fixture.App.WithKey(await TenantApi.CreateKeyAsync(api, "write"));
        await (await writer.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.com/hook", events = new[] { "response.created" } })).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await (await writer.GetAsync("/api/v1/webhooks")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());

        for (var i = 0; i < 20; i++) await WebhookApi.CreateAsync(api, $"https://example.com/hook/{i}", "goal.reviewed");
        var full = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.com/hook/21", events = new[] { "goal.reviewed" } })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("conflict", full.GetProperty("code").GetString());
        var page = await api.GetAsync("/api/v1/webhooks?limit=15");
        var first = await page.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(15, first.GetProperty("items").GetArrayLength());
        Assert.Contains("rel=\"next\"", page.Headers.GetValues("Link").Single());
        var rest = await (await api.GetAsync($"/api/v1/webhooks?limit=15&cursor={first.GetProperty("next").GetString()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, rest.GetProperty("items").GetArrayLength());
    }

    public sealed class Fixture : SmtpAppFixture
    {
        public WebhookReceiver Receiver { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Receiver = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        // Receivers on 127.0.0.1 need private addresses allowed; the retry schedule is shortened so retries come within the test.
        protected override NpsAppFactory Configure(NpsAppFactory app)
        {
            app = base.Configure(app)
                .WithSetting("Webhooks:AllowPrivate", "true")
                .WithSetting("Webhooks:PollInterval", "00:00:00.100")
                .WithSetting("Sending:PollInterval", "00:00:00.100");
            for (var i = 0; i < 7; i++) app.WithSetting($"Webhooks:RetryDelays:{i}", "00:00:00.200");
            return app;
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
