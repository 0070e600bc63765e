using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>
/// Slack and Teams alerts to a real receiver (Kestrel on 127.0.0.1) on a fake clock and the shipped retry
/// schedule: the Block Kit and Adaptive Card shapes, escalations and goal reviews, which channel gets
/// which department's posts, and retries.
/// </summary>
public sealed class ChatAlertTests(ChatAlertTests.Fixture fixture) : IClassFixture<ChatAlertTests.Fixture>
{
    private WebhookReceiver Receiver => fixture.Receiver;

    private DateTimeOffset Now => fixture.App.Clock!.GetUtcNow();

    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private async Task<(TenantApi.SignedUp Company, HttpClient Api, Guid Survey)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Kargo Hızlı");
        var api = fixture.App.WithKey(company.ApiKey);
        return (company, api, await SurveyApi.ActiveTransactionalAsync(api));
    }

    private static async Task<Guid> OpenCaseAsync(HttpClient api, object response)
    {
        var responseId = (await ResponseApi.RecordAsync(api, response)).GetProperty("id").GetGuid();
        return (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid();
    }

    /// <summary>Past the 48-hour SLA, the follow-ups job escalates every open case.</summary>
    private async Task EscalateAsync()
    {
        fixture.App.Clock!.Advance(TimeSpan.FromHours(49));
        await FollowUpApi.RunJobAsync(fixture.App);
    }

    [Fact]
    public async Task A_detractor_answer_with_a_comment_posts_the_new_case_at_once_to_slack_in_english_and_teams_in_turkish()
    {
        var (company, api, survey) = await CompanyAsync();
        var department = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var slackUrl = Receiver.NewUrl("slack-new");
        var teamsUrl = Receiver.NewUrl("teams-new");
        await ChatApi.CreateAsync(api, new { kind = "slack", url = slackUrl, language = "en" });
        await ChatApi.CreateAsync(api, new { kind = "teams", url = teamsUrl, departmentId = department, language = "tr" });
        var email = Address("waited");

        var caseId = await OpenCaseAsync(api, new { surveyId = survey, email, score = 3, comment = "Kargo <b>gecikti</b> & kutu ezikti", departmentId = department });
        var slack = (await ChatApi.WaitForTitledAsync(Receiver, slackUrl, "New follow-up"))[0];
        var teams = (await ChatApi.WaitForTitledAsync(Receiver, teamsUrl, "Yeni takip"))[0];

        var message = ChatApi.Json(slack);
        Assert.Equal($"New follow-up: {email} gave 3", message.GetProperty("text").GetString());
        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.EndsWith("\n>Kargo &lt;b&gt;gecikti&lt;/b&gt; &amp; kutu ezikti", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()!).ToList();
        Assert.Contains("*Score*\n3 · Detractor", fields);
        Assert.Contains("*Department*\nDestek", fields);
        Assert.Contains(fields, f => f.StartsWith("*Contact by*\n") && f.EndsWith("(UTC)"));
        Assert.EndsWith($"/app/follow-ups/{caseId}", blocks[3].GetProperty("elements")[0].GetProperty("url").GetString());

        var card = ChatApi.Json(teams).GetProperty("attachments")[0].GetProperty("content");
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal($"Yeni takip: {email} 3 puan verdi", body[0].GetProperty("text").GetString());
        Assert.Equal("Kargo <b>gecikti</b> & kutu ezikti", body[1].GetProperty("text").GetString());
        var facts = Assert.Single(body, b => b.GetProperty("type").GetString() == "FactSet").GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal("3 · Kötüleyen", facts["Puan"]);
        Assert.Equal("Destek", facts["Departman"]);
        Assert.Equal(email, facts["Kişi"]);
        Assert.Equal("Vakayı aç", card.GetProperty("actions")[0].GetProperty("title").GetString());
        Assert.EndsWith($"/app/follow-ups/{caseId}", card.GetProperty("actions")[0].GetProperty("url").GetString());

        // One alert per case: the event handled once, nothing more queued.
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        await ChatApi.NothingPendingAsync(fixture.Database, company.TenantId);
        Assert.Single(Receiver.At(slackUrl));
        Assert.Single(Receiver.At(teamsUrl));
    }

    [Fact]
    public async Task An_escalation_reaches_a_slack_channel_as_block_kit_with_the_comment_escaped_and_a_button_to_the_case()
    {
        var (_, api, survey) = await CompanyAsync();
        var url = Receiver.NewUrl("slack");
        var created = await ChatApi.CreateAsync(api, new { kind = "slack", url, language = "en" });
        Assert.Equal($"127.0.0.1…{url[^4..]}", created.GetProperty("address").GetString());
        Assert.DoesNotContain(url, created.GetRawText());
        var email = Address("unhappy");
        var caseId = await OpenCaseAsync(api, new { surveyId = survey, email, score = 2, comment = "Late <again> & cold <!channel>" });

        await EscalateAsync();
        var post = (await ChatApi.WaitForTitledAsync(Receiver, url, "Overdue follow-up"))[0];

        Assert.StartsWith("application/json", post.Headers["content-type"]);
        Assert.Equal("NpsCloud-Webhooks/1", post.Headers["user-agent"]);
        var message = ChatApi.Json(post);
        Assert.Equal($"Overdue follow-up: nobody contacted {email} (score 2) in time", message.GetProperty("text").GetString());
        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["section", "section", "context", "actions"], blocks.Select(b => b.GetProperty("type").GetString()));
        var headline = blocks[0].GetProperty("text");
        Assert.Equal("mrkdwn", headline.GetProperty("type").GetString());
        // The person's words are quoted and escaped: no mention, no link, no markup of theirs reaches Slack.
        Assert.Equal($"*Overdue follow-up: nobody contacted {email} (score 2) in time*\n>Late &lt;again&gt; &amp; cold &lt;!channel&gt;", headline.GetProperty("text").GetString());
        var fields = blocks[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Contains("*Score*\n2 · Detractor", fields);
        Assert.Contains($"*Person*\n{email}", fields);
        Assert.Equal("NpsCloud · Kargo Hızlı", blocks[2].GetProperty("elements")[0].GetProperty("text").GetString());
        var button = Assert.Single(blocks[3].GetProperty("elements").EnumerateArray());
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("plain_text", button.GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Open the case", button.GetProperty("text").GetProperty("text").GetString());
        Assert.EndsWith($"/app/follow-ups/{caseId}", button.GetProperty("url").GetString());
        Assert.Equal("succeeded", (await ChatApi.WaitForLastPostAsync(api, created.GetProperty("id").GetGuid(), "succeeded", 1)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_goal_review_reaches_a_teams_channel_in_turkish_as_an_adaptive_card_with_a_button_to_the_departments_goals()
    {
        var (_, api, _) = await CompanyAsync();
        var department = await TenantApi.CreateDepartmentAsync(api, "Teslimat");
        var url = Receiver.NewUrl("teams");
        await ChatApi.CreateAsync(api, new { kind = "teams", url, departmentId = department, language = "tr" });
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var goal = (await (await api.PostAsJsonAsync("/api/v1/goals", new { departmentId = department, targetNps = 30, periodStart = today.AddDays(-10), periodEnd = today.AddDays(20) }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await (await api.PostAsync($"/api/v1/goals/{goal}/reviews", null)).JsonAsync(HttpStatusCode.Created);
        var post = (await ChatApi.WaitForTitledAsync(Receiver, url, "Hedef değerlendirmesi"))[0];

        var message = ChatApi.Json(post);
        Assert.Equal("message", message.GetProperty("type").GetString());
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal("TextBlock", body[0].GetProperty("type").GetString());
        Assert.Equal("Hedef değerlendirmesi: Teslimat — yanıt yetersiz", body[0].GetProperty("text").GetString());
        var facts = Assert.Single(body, b => b.GetProperty("type").GetString() == "FactSet").GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal("30", facts["Hedef"]);
        Assert.Equal("0", facts["Yanıt"]);
        Assert.Equal("henüz yeterli yanıt yok", facts["NPS"]);
        var action = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal("Action.OpenUrl", action.GetProperty("type").GetString());
        Assert.Equal("Departmanın hedeflerini aç", action.GetProperty("title").GetString());
        Assert.EndsWith($"/departments/{department}", action.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_department_channel_gets_only_its_departments_escalations_while_a_company_channel_gets_all()
    {
        var (company, api, survey) = await CompanyAsync();
        var delivery = await TenantApi.CreateDepartmentAsync(api, "Teslimat");
        var billing = await TenantApi.CreateDepartmentAsync(api, "Faturalama");
        var deliveryUrl = Receiver.NewUrl("slack-delivery");
        var companyUrl = Receiver.NewUrl("teams-company");
        await ChatApi.CreateAsync(api, new { kind = "slack", url = deliveryUrl, departmentId = delivery, language = "en" });
        await ChatApi.CreateAsync(api, new { kind = "teams", url = companyUrl, language = "en" });
        var late = Address("late-parcel");
        var charged = Address("charged-twice");
        await OpenCaseAsync(api, new { surveyId = survey, email = late, score = 1, departmentId = delivery });
        await OpenCaseAsync(api, new { surveyId = survey, email = charged, score = 0, departmentId = billing });
        await OpenCaseAsync(api, new { surveyId = survey, email = Address("nobodys"), score = 3 });

        await EscalateAsync();
        var toCompany = await ChatApi.WaitForTitledAsync(Receiver, companyUrl, "Overdue follow-up", 3);
        await ChatApi.WaitForTitledAsync(Receiver, deliveryUrl, "Overdue follow-up");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        await ChatApi.NothingPendingAsync(fixture.Database, company.TenantId);

        var toDelivery = Receiver.At(deliveryUrl).Where(r => ChatApi.Title(r).StartsWith("Overdue follow-up")).ToList();
        Assert.Contains(late, Assert.Single(toDelivery).Body);
        Assert.Contains(toCompany, r => r.Body.Contains(charged));
        Assert.Contains(toCompany, r => r.Body.Contains(late));
        Assert.DoesNotContain(Receiver.At(deliveryUrl), r => r.Body.Contains(charged));
    }

    [Fact]
    public async Task A_post_answered_500_is_retried_on_the_schedule_with_the_same_body_and_one_answered_404_fails_at_once()
    {
        var (_, api, _) = await CompanyAsync();
        var flaky = Receiver.NewUrl("slack-flaky");
        var revoked = Receiver.NewUrl("teams-revoked");
        Receiver.AnswerWith(flaky, 500);
        Receiver.AlwaysAnswer(revoked, 404);
        var flakyChannel = await ChatApi.CreateIdAsync(api, new { kind = "slack", url = flaky });
        var revokedChannel = await ChatApi.CreateIdAsync(api, new { kind = "teams", url = revoked });

        var queued = await ChatApi.TestAsync(api, flakyChannel);
        Assert.Equal("test", queued.GetProperty("topic").GetString());
        Assert.Equal("pending", queued.GetProperty("status").GetString());
        var first = await ChatApi.WaitForLastPostAsync(api, flakyChannel, "pending", 1);
        Assert.Equal(500, first.GetProperty("lastStatusCode").GetInt32());
        Assert.InRange(first.GetProperty("nextAttemptAt").GetDateTimeOffset(), Now.AddSeconds(4.5), Now.AddSeconds(5.5));
        await ChatApi.TestAsync(api, revokedChannel);
        var refused = await ChatApi.WaitForLastPostAsync(api, revokedChannel, "failed", 1);
        Assert.Equal(404, refused.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("nextAttemptAt").ValueKind);

        fixture.App.Clock!.Advance(TimeSpan.FromSeconds(6));
        var retried = await ChatApi.WaitForLastPostAsync(api, flakyChannel, "succeeded", 2);

        Assert.Equal(2, retried.GetProperty("attempts").GetInt32());
        var bodies = Receiver.At(flaky).Select(r => r.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal("NpsCloud is connected to this channel", ChatApi.Title(Receiver.At(flaky)[0]));
        // An hour on, with a later test post to the first channel as the sign the dispatcher ran, the refused one was never tried again.
        fixture.App.Clock.Advance(TimeSpan.FromHours(1));
        await ChatApi.TestAsync(api, flakyChannel);
        await Receiver.WaitForAsync(flaky, 3, "the later test post");
        Assert.Single(Receiver.At(revoked));
        Assert.Equal(1, (await ChatApi.LastPostAsync(api, revokedChannel)).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_deleted_channel_gets_no_more_retries_and_deleting_it_again_is_a_404()
    {
        var (_, api, _) = await CompanyAsync();
        var failing = Receiver.NewUrl("slack-failing");
        var other = Receiver.NewUrl("slack-other");
        Receiver.AlwaysAnswer(failing, 503);
        var channel = await ChatApi.CreateIdAsync(api, new { kind = "slack", url = failing });
        var sentinel = await ChatApi.CreateIdAsync(api, new { kind = "slack", url = other });
        await ChatApi.TestAsync(api, channel);
        await ChatApi.WaitForLastPostAsync(api, channel, "pending", 1);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/chat-channels/{channel}")).StatusCode);
        await (await api.DeleteAsync($"/api/v1/chat-channels/{channel}")).JsonAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/chat-channels/{channel}/test", null)).JsonAsync(HttpStatusCode.NotFound);
        fixture.App.Clock!.Advance(TimeSpan.FromSeconds(6));
        await ChatApi.TestAsync(api, sentinel);
        await Receiver.WaitForAsync(other, 1, "the sentinel's post");

        Assert.Single(Receiver.At(failing));
        Assert.DoesNotContain(await ChatApi.ListAsync(api), c => c.GetProperty("id").GetGuid() == channel);
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
        // Private receivers are allowed as in the webhook tests, which also lifts the Slack host check (the receiver is on 127.0.0.1).
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
