using System.Net;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>
/// The response page over HTTP, from a real invitation email (real SMTP server): what a GET does (nothing),
/// what the page's POST records, and what a later submission changes. The browser flow is in the browser tests.
/// </summary>
public sealed class ResponsePageTests(ResponsePageTests.Fixture fixture) : IClassFixture<ResponsePageTests.Fixture>
{
    private sealed record Invited(HttpClient Api, Guid SurveyId, string Email, List<string> ScoreLinks)
    {
        public string Token => SurveyApi.TokenOf(ScoreLinks[0]);

        public string PagePath => "/r/" + Token;
    }

    private async Task<Invited> InviteAsync(object? survey = null)
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var surveyId = await SurveyApi.ActiveTransactionalAsync(api, survey);
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await SurveyApi.RequestAsync(api, surveyId, new { email, locale = "tr" });
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        return new Invited(api, surveyId, email, SurveyApi.ScoreLinks(mail.TextBody!));
    }

    private HttpClient Browser() => fixture.App.CreateClient(new() { AllowAutoRedirect = false });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<long> OutboxCountAsync(string eventType, Guid responseId) =>
        await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where type like '%.{eventType}' and payload->>'responseId' = '{responseId}'");

    [Fact]
    public async Task Fetching_a_score_link_records_nothing_and_shows_the_score_preselected_in_the_form_that_records_it()
    {
        var invited = await InviteAsync();

        // What a mail scanner does: GET every link, follow nothing else.
        foreach (var link in invited.ScoreLinks)
        {
            var page = await Browser().GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Empty(await ResponseApi.ListAsync(invited.Api));
        var html = await Browser().GetStringAsync(new Uri(invited.ScoreLinks[7]).PathAndQuery);
        Assert.Contains("data-pending", html);
        Assert.Contains("name=\"score\" value=\"7\" checked=\"checked\"", html); // the emailed score, preselected
        Assert.Contains("lang=\"tr\"", html); // the invitation's language, not the browser's
        Assert.Contains("Puanınız: 7.", html);
    }

    [Fact]
    public async Task The_pages_post_records_one_response_and_a_later_comment_updates_it()
    {
        var invited = await InviteAsync();

        var posted = await Browser().PostAsync(invited.PagePath, Form(("score", "3")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{invited.PagePath}?saved=true", posted.Headers.Location!.OriginalString, ignoreCase: true);

        var recorded = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        Assert.Equal(3, recorded.GetProperty("score").GetInt32());
        Assert.Equal("detractor", recorded.GetProperty("category").GetString());
        Assert.Equal("email", recorded.GetProperty("channel").GetString());
        Assert.Equal(invited.SurveyId, recorded.GetProperty("surveyId").GetGuid());
        Assert.Equal(invited.Email, recorded.GetProperty("contact").GetProperty("email").GetString());
        var id = recorded.GetProperty("id").GetGuid();

        // The thank-you page asks the detractor's question.
        var thanks = await Browser().GetStringAsync($"{invited.PagePath}?saved=true");
        Assert.Contains("data-testid=\"answer-saved\"", thanks);
        Assert.Contains("name=\"comment\"", thanks);

        await Browser().PostAsync(invited.PagePath, Form(("score", "3"), ("comment", "  Kargo çok geç geldi.  ")));
        await Browser().PostAsync(invited.PagePath, Form(("score", "8")));

        var updated = Assert.Single(await ResponseApi.ListAsync(invited.Api));
        Assert.Equal(id, updated.GetProperty("id").GetGuid());
        Assert.Equal(8, updated.GetProperty("score").GetInt32());
        Assert.Equal("Kargo çok geç geldi.", updated.GetProperty("comment").GetString()); // a score alone keeps the comment
        Assert.Equal(3, updated.GetProperty("revision").GetInt32());
        Assert.Equal(1, await OutboxCountAsync("ResponseRecorded", id));
        Assert.Equal(2, await OutboxCountAsync("ResponseUpdated", id));

        // The same submission again changes nothing and reports nothing.
        await Browser().PostAsync(invited.PagePath, Form(("score", "8")));
        Assert.Equal(2, await OutboxCountAsync("ResponseUpdated", id));
    }

    [Fact]
    public async Task The_invitation_counts_as_responded_once_the_answer_is_recorded()
    {
        var invited = await InviteAsync();
        await Browser().PostAsync(invited.PagePath, Form(("score", "10")));

        await Poll.UntilAsync(async () =>
        {
            var stats = await (await invited.Api.GetAsync($"/api/v1/surveys/{invited.SurveyId}/stats")).JsonAsync(HttpStatusCode.OK);
            return stats.GetProperty("responded").GetInt32() == 1;
        }, "the survey to count the response");
        var stats = await (await invited.Api.GetAsync($"/api/v1/surveys/{invited.SurveyId}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(100.0, stats.GetProperty("responseRate").GetDouble());
    }

    [Fact]
    public async Task Simultaneous_submissions_of_one_link_leave_one_response()
    {
        var invited = await InviteAsync();

        var posts = Enumerable.Range(0, 10).Select(i => Browser().PostAsync(invited.PagePath, Form(("score", "9"))));
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(await ResponseApi.ListAsync(invited.Api));
    }

    [Fact]
    public async Task An_unknown_token_and_an_expired_link_show_a_friendly_page_and_record_nothing()
    {
        var unknown = await Browser().GetAsync("/r/not-a-real-token?score=9");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("data-testid=\"unknown-link\"", await unknown.Content.ReadAsStringAsync());
        var unknownPost = await Browser().PostAsync("/r/not-a-real-token", Form(("score", "9")));
        Assert.Equal(HttpStatusCode.OK, unknownPost.StatusCode);

        var invited = await InviteAsync(new { linkValidDays = 1 });
        fixture.App.Clock!.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var expired = await Browser().PostAsync(invited.PagePath, Form(("score", "9")));
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Contains("data-testid=\"expired-link\"", await expired.Content.ReadAsStringAsync());
        Assert.Empty(await ResponseApi.ListAsync(invited.Api));
    }

    [Fact]
    public async Task A_score_outside_the_scale_is_refused_on_the_page()
    {
        var invited = await InviteAsync();

        var refused = await Browser().PostAsync(invited.PagePath, Form(("score", "11")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await ResponseApi.ListAsync(invited.Api));
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow)
            .WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
