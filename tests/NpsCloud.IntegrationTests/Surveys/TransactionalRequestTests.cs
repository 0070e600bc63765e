using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Transactional requests on a moved clock, the real sending dispatcher and a real SMTP server.</summary>
public sealed class TransactionalRequestTests(TransactionalRequestTests.Fixture fixture) : IClassFixture<TransactionalRequestTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <summary>
    /// Sends an immediate request and waits until it arrives: the dispatcher has then run a pass at the
    /// current (fake) time, so anything due by now has been sent too.
    /// </summary>
    private async Task DispatcherHasCaughtUpAsync(HttpClient client, Guid survey)
    {
        var probe = Address("probe");
        await SurveyApi.RequestAsync(client, survey, new { email = probe });
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(probe), "the probe invitation");
    }

    [Fact]
    public async Task A_request_delayed_ten_minutes_goes_out_only_after_the_clock_passes_ten_minutes()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = Address("delayed");

        var accepted = await SurveyApi.RequestAsync(client, survey, new { email, name = "Deniz", delaySeconds = 600, properties = new { orderId = "A-1042" } });
        var scheduledAt = accepted.GetProperty("scheduledAt").GetDateTimeOffset();
        Assert.Equal(fixture.App.Clock!.GetUtcNow().AddMinutes(10), scheduledAt, TimeSpan.FromSeconds(1));

        fixture.App.Clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(50));
        await DispatcherHasCaughtUpAsync(client, survey);
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(email));

        fixture.App.Clock.Advance(TimeSpan.FromSeconds(11));
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the delayed invitation");
        Assert.Equal(11, SurveyApi.ScoreLinks(invitation.TextBody!).Count);
        Assert.Equal(11, SurveyApi.ScoreLinks(invitation.HtmlBody!).Count);
    }

    [Fact]
    public async Task An_unsubscribed_contact_is_sent_nothing_and_the_request_answers_throttled()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = Address("gone");
        var contact = await (await client.PostAsJsonAsync("/api/v1/contacts", new { email })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostAsync($"/api/v1/contacts/{contact.GetProperty("id").GetGuid()}/unsubscribe", null)).JsonAsync(HttpStatusCode.OK);

        var answer = await SurveyApi.RequestAsync(client, survey, new { email }, HttpStatusCode.OK);

        Assert.True(answer.GetProperty("throttled").GetBoolean());
        Assert.Equal("unsubscribed", answer.GetProperty("reason").GetString());
        await DispatcherHasCaughtUpAsync(client, survey);
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(email));
        // Upserting the contact again does not resubscribe it.
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { email, name = "Still gone" })).JsonAsync(HttpStatusCode.OK);
        Assert.True((await SurveyApi.RequestAsync(client, survey, new { email }, HttpStatusCode.OK)).GetProperty("throttled").GetBoolean());
    }

    [Fact]
    public async Task A_second_request_inside_the_throttle_window_is_throttled_and_one_after_it_goes_out()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        await TenantApi.ActivateAsync(fixture.App, company.TenantId); // a month passes in this test
        var client = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = Address("frequent");
        await SurveyApi.RequestAsync(client, survey, new { email });

        fixture.App.Clock!.Advance(TimeSpan.FromDays(29));
        var again = await SurveyApi.RequestAsync(client, survey, new { email }, HttpStatusCode.OK);
        Assert.True(again.GetProperty("throttled").GetBoolean());
        Assert.StartsWith("surveyed within the last 30 days", again.GetProperty("reason").GetString());

        fixture.App.Clock.Advance(TimeSpan.FromDays(2));
        await SurveyApi.RequestAsync(client, survey, new { email });
        await Poll.UntilAsync(() => Task.FromResult(fixture.Smtp.CountByRecipient().GetValueOrDefault(email) == 2), "the second invitation");
    }

    [Fact]
    public async Task A_pending_request_can_be_cancelled_and_is_then_never_sent()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = Address("cancelled");
        await SurveyApi.RequestAsync(client, survey, new { email, delaySeconds = 600 });

        var cancelled = await (await client.DeleteAsync($"/api/v1/surveys/{survey}/requests?email={Uri.EscapeDataString(email)}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, cancelled.GetProperty("cancelled").GetInt32());
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(11));
        await DispatcherHasCaughtUpAsync(client, survey);
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.To.Contains(email));
        // Not sent means not surveyed: a new request is not throttled.
        Assert.False((await SurveyApi.RequestAsync(client, survey, new { email })).TryGetProperty("throttled", out _));
    }

    [Fact]
    public async Task The_email_is_in_the_requested_language_with_the_brand_an_unsubscribe_link_and_headers()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, "Ege Lojistik")).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client, new { brandColor = "#0f766e" });
        var email = Address("turkish");

        var accepted = await SurveyApi.RequestAsync(client, survey, new { email, locale = "tr" });

        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        Assert.Equal("Ege Lojistik görüşünüzü merak ediyor", invitation.Subject);
        Assert.Contains("Ege Lojistik şirketini bir arkadaşınıza veya meslektaşınıza önerme olasılığınız nedir?", invitation.HtmlBody);
        Assert.Contains("#0f766e", invitation.HtmlBody);
        Assert.Contains("/u/", invitation.TextBody);
        Assert.Contains("One-Click", invitation.Headers["List-Unsubscribe-Post"]);
        Assert.Matches(@"^<https?://\S+/u/[A-Za-z0-9_-]+>$", invitation.Headers["List-Unsubscribe"]);
        Assert.Equal($"<{accepted.GetProperty("invitationId").GetGuid():N}@npscloud.invalid>", invitation.Headers["Message-ID"]);
        var links = SurveyApi.ScoreLinks(invitation.TextBody!);
        Assert.Equal(Enumerable.Range(0, 11).Select(score => $"score={score}"), links.Select(l => l[(l.IndexOf('?') + 1)..]));
        Assert.Single(links.Select(SurveyApi.TokenOf).Distinct());
    }

    [Fact]
    public async Task The_unsubscribe_page_speaks_the_invitations_language_not_the_browsers()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = Address("turkish-leaving");
        await SurveyApi.RequestAsync(client, survey, new { email, locale = "tr" });
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var browser = fixture.App.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await browser.GetStringAsync(new Uri(invitation.Headers["List-Unsubscribe"].Trim('<', '>')).PathAndQuery);

        Assert.Contains("<html lang=\"tr\">", page);
        Assert.Contains("Abonelikten çıkın", page);
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_only_asks_and_the_button_or_a_one_click_post_unsubscribes()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = Address("leaving");
        await SurveyApi.RequestAsync(client, survey, new { email });
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var unsubscribe = new Uri(invitation.Headers["List-Unsubscribe"].Trim('<', '>')).PathAndQuery;
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var asked = await browser.GetStringAsync(unsubscribe);
        Assert.Contains("Stop receiving surveys", asked);
        var contacts = await (await client.GetAsync("/api/v1/contacts?status=unsubscribed")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(contacts.GetProperty("items").EnumerateArray(), c => c.GetProperty("email").GetString() == email);

        // What a mail client sends for RFC 8058 one-click unsubscribe: no cookie, no antiforgery token.
        var oneClick = await browser.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        contacts = await (await client.GetAsync("/api/v1/contacts?status=unsubscribed")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(contacts.GetProperty("items").EnumerateArray(), c => c.GetProperty("email").GetString() == email);
        Assert.True((await SurveyApi.RequestAsync(client, survey, new { email }, HttpStatusCode.OK)).GetProperty("throttled").GetBoolean());
        var stats = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, stats.GetProperty("unsubscribed").GetInt32());
    }

    [Fact]
    public async Task A_reminder_goes_to_a_non_responder_once_after_the_configured_days_with_the_same_links()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client, new { reminderAfterDays = 2 });
        var email = Address("forgetful");
        await SurveyApi.RequestAsync(client, survey, new { email });
        var first = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");

        fixture.App.Clock!.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var reminder = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email) && m.Subject.StartsWith("Reminder:"), "the reminder");

        Assert.Equal(SurveyApi.ScoreLinks(first.TextBody!), SurveyApi.ScoreLinks(reminder.TextBody!));
        fixture.App.Clock.Advance(TimeSpan.FromDays(5));
        await DispatcherHasCaughtUpAsync(client, survey);
        Assert.Equal(2, fixture.Smtp.CountByRecipient()[email]);
        var nonResponders = await (await client.GetAsync($"/api/v1/surveys/{survey}/non-responders")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(nonResponders.GetProperty("items").EnumerateArray(), n => n.GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task Stats_count_what_happened_to_the_requests()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var sent = Address("sent");
        await SurveyApi.RequestAsync(client, survey, new { email = sent });
        await SurveyApi.RequestAsync(client, survey, new { email = sent }, HttpStatusCode.OK); // throttled
        await SurveyApi.RequestAsync(client, survey, new { email = Address("later"), delaySeconds = 3600 });
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(sent), "the invitation");

        await Poll.UntilAsync(async () =>
            (await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK)).GetProperty("sent").GetInt32() == 1, "the send to be recorded");
        var stats = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, stats.GetProperty("invited").GetInt32());
        Assert.Equal(1, stats.GetProperty("throttled").GetInt32());
        Assert.Equal(0, stats.GetProperty("responded").GetInt32());
        Assert.Equal(0.0, stats.GetProperty("responseRate").GetDouble());
    }

    [Fact]
    public async Task Requests_go_only_to_active_transactional_surveys()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var draft = await SurveyApi.CreateAsync(client, new { name = "Draft", kind = "transactional", locale = "en" });
        var relationship = await SurveyApi.CreateAsync(client, new { name = "Quarterly", kind = "relationship", locale = "en" });

        await (await client.PostAsJsonAsync($"/api/v1/surveys/{draft}/requests", new { email = "x@example.test" })).JsonAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{relationship}/requests", new { email = "x@example.test" })).JsonAsync(HttpStatusCode.Conflict);
        var bad = await (await client.PostAsJsonAsync($"/api/v1/surveys/{draft}/requests", new { email = "nope", delaySeconds = -1 })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("delaySeconds", out _));
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow)
            .WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
