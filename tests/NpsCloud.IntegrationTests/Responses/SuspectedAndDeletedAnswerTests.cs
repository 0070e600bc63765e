using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.IntegrationTests.Webhooks;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>
/// Answers a link-scanning mail gateway records (kept, flagged, counted nowhere, replaced by the person's own) and
/// answers an owner deletes (rollups, the case and the <c>response.deleted</c> webhook follow), over HTTP, with real
/// invitation mail and a real webhook receiver.
/// </summary>
public sealed class SuspectedAndDeletedAnswerTests(SuspectedAndDeletedAnswerTests.Fixture fixture) : IClassFixture<SuspectedAndDeletedAnswerTests.Fixture>
{
    private sealed record Invited(TenantApi.SignedUp Company, HttpClient Api, Guid SurveyId, string Token)
    {
        public string PagePath => "/r/" + Token;
    }

    private async Task<Invited> InviteAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var surveyId = await SurveyApi.ActiveTransactionalAsync(api);
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await SurveyApi.RequestAsync(api, surveyId, new { email });
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        return new Invited(company, api, surveyId, SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.TextBody!)[0]));
    }

    private HttpClient Browser(string? userAgent = null, string? address = null)
    {
        var client = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        if (address is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", address); // the host runs behind a proxy here
        return client;
    }

    /// <summary>What the page's script posts: the score and what it saw.</summary>
    private static FormUrlEncodedContent Seen(int score, int elapsed, bool input, bool visible) => new(new Dictionary<string, string>
    {
        ["score"] = score.ToString(), ["client"] = "js", ["elapsed"] = elapsed.ToString(), ["input"] = input ? "1" : "0", ["visible"] = visible ? "1" : "0",
    });

    private static FormUrlEncodedContent AScore(int score) => new(new Dictionary<string, string> { ["score"] = score.ToString() });

    private async Task<long> OutboxCountAsync(string eventType, Guid responseId) =>
        await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where type like '%.{eventType}' and payload->>'responseId' = '{responseId}'");

    private static async Task<long> CountedAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/metrics")).JsonAsync(HttpStatusCode.OK)).GetProperty("responses").GetInt64();

    [Theory]
    [InlineData("no real tap or key press", 4000, false, true, null, null)]
    [InlineData("a submit within milliseconds of the load", 40, true, true, null, null)]
    [InlineData("a hidden or unfocused page", 4000, true, false, null, null)]
    [InlineData("a gateway's user agent, scripts off", 0, false, false, "Mozilla/5.0 (compatible; Proofpoint URL Defense)", null)]
    [InlineData("an address in a configured gateway range, scripts off", 0, false, false, null, "203.0.113.77")]
    public async Task An_answer_that_looks_automated_is_kept_flagged_and_counts_nowhere_opens_no_case_and_sends_no_webhook(
        string what, int elapsed, bool input, bool visible, string? userAgent, string? address)
    {
        var invited = await InviteAsync();
        var hook = fixture.Receiver.NewUrl();
        await WebhookApi.CreateAsync(invited.Api, hook, "response.created");
        var form = userAgent is null && address is null ? Seen(0, elapsed, input, visible) : AScore(0);

        var posted = await Browser(userAgent, address).PostAsync(invited.PagePath, form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var kept = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        Assert.True(kept.GetProperty("suspectedAutomation").GetBoolean(), what);
        Assert.Equal(0, kept.GetProperty("score").GetInt32());
        var id = kept.GetProperty("id").GetGuid();
        Assert.Equal(0, await OutboxCountAsync("ResponseRecorded", id));
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal(0, await CountedAsync(invited.Api));
        Assert.Empty(await FollowUpApi.ListAsync(invited.Api));
        Assert.Empty(fixture.Receiver.At(hook));
        // To the person the link is still unanswered: the emailed score waits for them.
        var page = await Browser().GetStringAsync($"{invited.PagePath}?score=0");
        Assert.Contains("data-testid=\"pending-score\"", page);
        Assert.Contains("suspectedAutomation", await Browser().GetStringAsync("/openapi/v1.json"));
    }

    [Fact]
    public async Task The_persons_own_answer_replaces_the_flagged_one_and_is_counted_once_and_a_later_automated_one_changes_nothing()
    {
        var invited = await InviteAsync();
        await Browser().PostAsync(invited.PagePath, Seen(10, 30, input: false, visible: true));
        var flagged = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        var id = flagged.GetProperty("id").GetGuid();

        var posted = await Browser().PostAsync(invited.PagePath, Seen(3, 2400, input: true, visible: true));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var answer = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        Assert.Equal(id, answer.GetProperty("id").GetGuid());
        Assert.False(answer.GetProperty("suspectedAutomation").GetBoolean());
        Assert.Equal(3, answer.GetProperty("score").GetInt32());
        Assert.Equal(1, answer.GetProperty("revision").GetInt32());
        Assert.Equal(1, await OutboxCountAsync("ResponseRecorded", id));
        var opened = await FollowUpApi.WaitForCaseAsync(invited.Api, id);
        Assert.Equal(3, opened.GetProperty("score").GetInt32());
        await Poll.UntilAsync(async () => await CountedAsync(invited.Api) == 1, "the person's answer to count");

        // The gateway opens the link again (a forwarded mail): the person's answer stands.
        await Browser().PostAsync(invited.PagePath, Seen(10, 25, input: false, visible: true));
        var kept = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        Assert.Equal(3, kept.GetProperty("score").GetInt32());
        Assert.False(kept.GetProperty("suspectedAutomation").GetBoolean());
        Assert.Equal(0, await OutboxCountAsync("ResponseUpdated", id));
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal(1, await CountedAsync(invited.Api));
    }

    [Fact]
    public async Task A_rebuild_of_the_rollups_leaves_a_flagged_answer_out_as_the_live_count_does()
    {
        var invited = await InviteAsync();
        await Browser().PostAsync(invited.PagePath, Seen(0, 5000, input: false, visible: true));
        await ResponseApi.RecordAsync(invited.Api, new { surveyId = invited.SurveyId, email = "counted@example.test", score = 9 });
        await Poll.UntilAsync(async () => await CountedAsync(invited.Api) == 1, "the recorded answer to count");

        var rebuild = fixture.App.Services.GetServices<IAdminCommand>().Single(c => c.Name == "rebuild-rollups");
        Assert.Equal(0, await rebuild.RunAsync([invited.Company.TenantId.ToString()], TextWriter.Null, CancellationToken.None));

        var metrics = await (await invited.Api.GetAsync("/api/v1/metrics")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, metrics.GetProperty("responses").GetInt64());
        Assert.Equal(100, metrics.GetProperty("nps").GetDouble());
    }

    [Fact]
    public async Task Deleting_an_answer_takes_it_out_of_the_scores_closes_its_case_and_sends_response_deleted()
    {
        var invited = await InviteAsync();
        var hook = fixture.Receiver.NewUrl();
        var endpoint = await WebhookApi.CreateAsync(invited.Api, hook, "response.deleted");
        var recorded = await ResponseApi.RecordAsync(invited.Api, new { surveyId = invited.SurveyId, email = "wrong@example.test", score = 2, comment = "Wrong survey" });
        await ResponseApi.RecordAsync(invited.Api, new { surveyId = invited.SurveyId, email = "right@example.test", score = 10 });
        var id = recorded.GetProperty("id").GetGuid();
        var opened = await FollowUpApi.WaitForCaseAsync(invited.Api, id);
        await Poll.UntilAsync(async () => await CountedAsync(invited.Api) == 2, "both answers to count");

        var deleted = await invited.Api.DeleteAsync($"/api/v1/responses/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await invited.Api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.NotFound);
        await (await invited.Api.DeleteAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.NotFound);
        await Poll.UntilAsync(async () => await CountedAsync(invited.Api) == 1, "the deleted answer to leave the scores");
        var metrics = await (await invited.Api.GetAsync("/api/v1/metrics")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(100, metrics.GetProperty("nps").GetDouble());
        await Poll.UntilAsync(async () =>
            (await FollowUpApi.GetAsync(invited.Api, opened.GetProperty("id").GetGuid())).GetProperty("case").GetProperty("status").GetString() == "closed",
            "the case to close");

        var received = Assert.Single(await fixture.Receiver.WaitForAsync(hook, 1, "the response.deleted webhook"));
        Assert.True(received.IsSignedWith(endpoint.Secret));
        var payload = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("response.deleted", payload.GetProperty("type").GetString());
        Assert.Equal(id, payload.GetProperty("data").GetProperty("responseId").GetGuid());
        Assert.Equal(2, payload.GetProperty("data").GetProperty("score").GetInt32());
        Assert.Equal("detractor", payload.GetProperty("data").GetProperty("category").GetString());
    }

    [Fact]
    public async Task Only_owners_and_admins_delete_answers_and_two_deletions_at_once_answer_204_and_404()
    {
        var invited = await InviteAsync();
        var recorded = await ResponseApi.RecordAsync(invited.Api, new { surveyId = invited.SurveyId, email = "kept@example.test", score = 6 });
        var id = recorded.GetProperty("id").GetGuid();
        var writer = fixture.App.WithKey(await TenantApi.CreateKeyAsync(invited.Api, "write"));

        await (await writer.DeleteAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.Forbidden);
        await (await invited.Api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.OK);

        var both = await Task.WhenAll(invited.Api.DeleteAsync($"/api/v1/responses/{id}"), invited.Api.DeleteAsync($"/api/v1/responses/{id}"));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NotFound], both.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await OutboxCountAsync("ResponseDeleted", id));
    }

    [Fact]
    public async Task Deleting_a_flagged_answer_reports_nothing_and_the_link_can_be_answered_again()
    {
        var invited = await InviteAsync();
        await Browser().PostAsync(invited.PagePath, Seen(0, 20, input: false, visible: true));
        var id = Assert.Single(await ResponseApi.ListAsync(invited.Api)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await invited.Api.DeleteAsync($"/api/v1/responses/{id}")).StatusCode);

        Assert.Equal(0, await OutboxCountAsync("ResponseDeleted", id));
        await Browser().PostAsync(invited.PagePath, AScore(8));
        var again = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        Assert.NotEqual(id, again.GetProperty("id").GetGuid());
        Assert.False(again.GetProperty("suspectedAutomation").GetBoolean());
    }

    [Fact]
    public async Task The_detail_page_deletes_after_a_confirmation_and_says_so_and_a_viewer_has_no_button()
    {
        var invited = await InviteAsync();
        var recorded = await ResponseApi.RecordAsync(invited.Api, new { surveyId = invited.SurveyId, email = "page@example.test", score = 4 });
        var id = recorded.GetProperty("id").GetGuid();
        var owner = await PeopleApi.SignedInAsync(fixture.App, invited.Company.Email, invited.Company.Password);

        var detail = await owner.GetStringAsync($"/app/responses/{id}");
        Assert.Contains($"href=\"/app/responses/{id}?confirm=delete\"", detail);
        Assert.DoesNotContain("data-testid=\"confirm\"", detail);
        var confirm = await owner.GetStringAsync($"/app/responses/{id}?confirm=delete");
        Assert.Contains("data-testid=\"confirm\"", confirm);
        await (await invited.Api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.OK); // showing the confirmation deletes nothing

        var viewer = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, invited.Api, "Viewer");
        Assert.DoesNotContain("confirm=delete", await viewer.Browser.GetStringAsync($"/app/responses/{id}"));
        var refused = await TenantApi.PostFormAsync(viewer.Browser, $"/app/responses/{id}", new Dictionary<string, string>(), $"/app/responses/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode); // the app's access-denied page, not the list with a flash
        await (await invited.Api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.OK);

        var posted = await TenantApi.PostFormAsync(owner, $"/app/responses/{id}?confirm=delete", new Dictionary<string, string>(), $"/app/responses/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/app/responses", posted.Headers.Location!.OriginalString);
        await (await invited.Api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.NotFound);
        var list = await owner.GetStringAsync("/app/responses");
        Assert.Contains("data-testid=\"flash\"", list);
        Assert.Contains("The answer (4) was deleted.", list);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        public WebhookReceiver Receiver { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Receiver = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app)
            .WithSetting("Webhooks:AllowPrivate", "true")
            .WithSetting("Webhooks:PollInterval", "00:00:00.100")
            .WithSetting("Sending:PollInterval", "00:00:00.100")
            .WithSetting("BehindProxy", "true")
            .WithSetting("Responses:AutomatedClients:AddressRanges", "203.0.113.0/24, 2001:db8::/32");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
