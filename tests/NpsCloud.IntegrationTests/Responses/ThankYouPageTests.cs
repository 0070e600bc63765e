using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>
/// The thank-you state of the response page over HTTP, from real invitation emails: what the customer sees
/// once their comment is in, the detractor's promise of a reply within the SLA (when the company enables it),
/// and the promoters' next step with its counting redirect.
/// </summary>
public sealed class ThankYouPageTests(ThankYouPageTests.Fixture fixture) : IClassFixture<ThankYouPageTests.Fixture>
{
    private const string ReviewUrl = "https://g.page/r/anadolu-kargo/review";

    private sealed record Invited(HttpClient Api, Guid SurveyId, string Token)
    {
        public string PagePath => "/r/" + Token;
    }

    private async Task<HttpClient> CompanyAsync(object? settings = null)
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, "Anadolu Kargo")).ApiKey);
        if (settings is not null) await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", settings)).JsonAsync(HttpStatusCode.OK);
        return api;
    }

    private async Task<Invited> InviteAsync(HttpClient api, Guid surveyId, string locale = "tr")
    {
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await SurveyApi.RequestAsync(api, surveyId, new { email, locale });
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
        var invited = new Invited(api, surveyId, SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.TextBody!)[0]));
        // The mail can arrive a moment before the sender commits the link's hash.
        await Poll.UntilAsync(async () => !(await Browser().GetStringAsync(invited.PagePath)).Contains("data-testid=\"unknown-link\""), "the link to be known");
        return invited;
    }

    private HttpClient Browser() => fixture.App.CreateClient(new() { AllowAutoRedirect = false });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<string> AnswerAsync(Invited invited, int score, string? comment = null)
    {
        var posted = await Browser().PostAsync(invited.PagePath, comment is null ? Form(("score", $"{score}")) : Form(("score", $"{score}"), ("comment", comment)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await Browser().GetStringAsync(posted.Headers.Location!.OriginalString);
    }

    private static async Task<JsonElement> SurveyAsync(HttpClient api, Guid surveyId) =>
        await (await api.GetAsync($"/api/v1/surveys/{surveyId}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task After_a_comment_the_page_thanks_for_it_in_the_invitations_language_instead_of_showing_the_form_again()
    {
        var api = await CompanyAsync();
        var invited = await InviteAsync(api, await SurveyApi.ActiveTransactionalAsync(api));

        var scored = await AnswerAsync(invited, 3);
        Assert.Contains("data-state=\"score-recorded\"", scored);
        Assert.Contains("name=\"comment\"", scored); // a score alone still asks why

        var thanked = await AnswerAsync(invited, 3, "Kargo üç gün geç geldi.");

        Assert.Contains("lang=\"tr\"", thanked);
        Assert.Contains("data-state=\"comment-received\"", thanked);
        Assert.Contains("Yorumunuz bize ulaştı; Anadolu Kargo her yorumu okur.", thanked);
        Assert.Contains("Kargo üç gün geç geldi.</blockquote>", thanked);
        Assert.DoesNotContain("name=\"comment\"", thanked);
        Assert.DoesNotContain("data-testid=\"reply-promise\"", thanked); // the company has not enabled the promise
        Assert.Contains($"href=\"{invited.PagePath}\" data-testid=\"change-answer\"", thanked);

        // The way back to change the answer shows the form with the comment.
        var again = await Browser().GetStringAsync(invited.PagePath);
        Assert.Contains("name=\"comment\"", again);
        Assert.Contains("Kargo üç gün geç geldi.</textarea>", again);
    }

    [Fact]
    public async Task An_english_invitation_is_thanked_in_english()
    {
        var api = await CompanyAsync();
        var invited = await InviteAsync(api, await SurveyApi.ActiveTransactionalAsync(api), locale: "en");

        var thanked = await AnswerAsync(invited, 8, "Could be faster.");

        Assert.Contains("lang=\"en\"", thanked);
        Assert.Contains("We received your comment; Anadolu Kargo reads every one.", thanked);
    }

    [Fact]
    public async Task A_detractor_is_told_the_team_replies_within_the_departments_sla_else_the_companys_when_the_company_enables_it()
    {
        var api = await CompanyAsync(new { promiseDetractorReply = true, followUpSlaHours = 48 });
        var settings = (await (await api.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("settings");
        Assert.True(settings.GetProperty("promiseDetractorReply").GetBoolean());
        var department = (await (await api.PostAsJsonAsync("/api/v1/departments", new { name = "Teslimat", followUpSlaHours = 24 })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var ofDepartment = await SurveyApi.ActiveTransactionalAsync(api, new { departmentId = department });
        var ofCompany = await SurveyApi.ActiveTransactionalAsync(api);

        var departmentDetractor = await AnswerAsync(await InviteAsync(api, ofDepartment), 2, "Paket ezik geldi.");
        Assert.Contains("Ekibimiz 24 saat içinde size dönecek.", departmentDetractor);

        var companyDetractor = await InviteAsync(api, ofCompany);
        Assert.Contains("Ekibimiz 48 saat içinde size dönecek.", await AnswerAsync(companyDetractor, 6)); // before the comment too
        Assert.Contains("Ekibimiz 48 saat içinde size dönecek.", await AnswerAsync(companyDetractor, 6, "Geç kaldı."));

        var passive = await AnswerAsync(await InviteAsync(api, ofCompany), 7, "İdare eder.");
        Assert.DoesNotContain("data-testid=\"reply-promise\"", passive);
        var englishDetractor = await AnswerAsync(await InviteAsync(api, ofCompany, locale: "en"), 0, "Lost my parcel.");
        Assert.Contains("Our team will get back to you within 48 hours.", englishDetractor);

        // Switched off again, nobody is promised anything.
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { promiseDetractorReply = false })).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("data-testid=\"reply-promise\"", await AnswerAsync(await InviteAsync(api, ofCompany), 1, "Kötü."));
    }

    [Fact]
    public async Task A_promoter_is_offered_the_surveys_next_step_and_each_invitations_click_counts_once()
    {
        var api = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api,
            new { promoterStep = new { kind = "review", url = ReviewUrl, label = "Google üzerinde değerlendirin" } });
        var first = await InviteAsync(api, survey);

        var page = await AnswerAsync(first, 10);

        Assert.Contains("data-testid=\"promoter-step\" data-kind=\"review\"", page);
        Assert.Contains($"href=\"{first.PagePath}/next\"", page);
        Assert.Contains("Google üzerinde değerlendirin</a>", page);
        Assert.DoesNotContain(ReviewUrl, page); // the page links to the counting redirect, not the site
        Assert.Contains("data-testid=\"promoter-step\"", await AnswerAsync(first, 10, "Harika hizmet."));

        for (var click = 0; click < 3; click++)
        {
            var followed = await Browser().GetAsync($"{first.PagePath}/next");
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
            Assert.Equal(ReviewUrl, followed.Headers.Location!.OriginalString);
        }

        Assert.Equal(1, (await SurveyAsync(api, survey)).GetProperty("promoterClicks").GetInt32());

        var second = await InviteAsync(api, survey);
        await AnswerAsync(second, 9);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Browser().GetAsync($"{second.PagePath}/next")));
        var view = await SurveyAsync(api, survey);
        Assert.Equal(2, view.GetProperty("promoterClicks").GetInt32());
        Assert.Equal("review", view.GetProperty("promoterStep").GetProperty("kind").GetString());
        Assert.Equal(ReviewUrl, view.GetProperty("promoterStep").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Passives_and_detractors_are_not_offered_the_promoters_step_and_a_step_without_a_label_shows_the_default_in_the_invitations_language()
    {
        var api = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { promoterStep = new { kind = "referral", url = "https://anadolukargo.example/davet" } });

        Assert.DoesNotContain("data-testid=\"promoter-step\"", await AnswerAsync(await InviteAsync(api, survey), 8, "Fena değil."));
        Assert.DoesNotContain("data-testid=\"promoter-step\"", await AnswerAsync(await InviteAsync(api, survey), 4));
        Assert.Contains("Arkadaşına öner</a>", await AnswerAsync(await InviteAsync(api, survey), 9));
        Assert.Contains("Recommend to a friend</a>", await AnswerAsync(await InviteAsync(api, survey, locale: "en"), 9));
    }

    [Fact]
    public async Task The_counting_redirect_goes_only_to_the_stored_address_and_answers_404_without_one()
    {
        var api = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { promoterStep = new { kind = "review", url = ReviewUrl } });
        var invited = await InviteAsync(api, survey);

        var tampered = await Browser().GetAsync($"{invited.PagePath}/next?url=https%3A%2F%2Fevil.example%2F&returnUrl=https://evil.example/");
        Assert.Equal(HttpStatusCode.Redirect, tampered.StatusCode);
        Assert.Equal(ReviewUrl, tampered.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync("/r/not-a-real-token/next")).StatusCode);
        var without = await InviteAsync(api, await SurveyApi.ActiveTransactionalAsync(api));
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync($"{without.PagePath}/next")).StatusCode);

        // Removing the step (null clears) stops the redirect; the clicks so far stay counted.
        await (await api.PatchAsJsonAsync($"/api/v1/surveys/{survey}", new { promoterStep = (object?)null })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync($"{invited.PagePath}/next")).StatusCode);
        var view = await SurveyAsync(api, survey);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("promoterStep").ValueKind);
        Assert.Equal(1, view.GetProperty("promoterClicks").GetInt32());
    }

    [Fact]
    public async Task A_test_sends_link_follows_the_next_step_without_counting_a_click()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Anadolu Kargo");
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.CreateAsync(api, new { name = "Draft", kind = "transactional", locale = "tr", promoterStep = new { kind = "review", url = ReviewUrl } });
        await (await api.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { email = company.Email })).JsonAsync(HttpStatusCode.Created);
        var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("[Deneme]", StringComparison.Ordinal), "the test email");
        var token = SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.HtmlBody!)[10]);

        var page = await Browser().PostAsync($"/r/{token}", Form(("score", "10")));
        Assert.Contains("data-testid=\"promoter-step\"", await Browser().GetStringAsync(page.Headers.Location!.OriginalString));
        var followed = await Browser().GetAsync($"/r/{token}/next");

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(ReviewUrl, followed.Headers.Location!.OriginalString);
        Assert.Equal(0, (await SurveyAsync(api, survey)).GetProperty("promoterClicks").GetInt32());
    }

    [Fact]
    public async Task The_open_links_done_state_thanks_for_the_comment_and_promises_a_reply_only_to_a_detractor_who_left_an_address()
    {
        var api = await CompanyAsync(new { promiseDetractorReply = true, followUpSlaHours = 12 });
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var link = await OpenLinkApi.PutAsync(api, survey, new { collectEmail = true });
        var url = OpenLinkApi.PathOf(link.GetProperty("url").GetString()!) + "?lang=tr";
        async Task<string> AnswerLinkAsync(string device, int score, string? comment, string? email)
        {
            var answered = await OpenLinkApi.AnswerAsync(OpenLinkApi.Visitor(fixture.App, device), url, score, comment, email: email);
            var page = await answered.Content.ReadAsStringAsync();
            Assert.Equal("done", OpenLinkApi.StateOf(page));
            return page;
        }

        var reachable = await AnswerLinkAsync("Phone/1", 2, "Kahve soğuktu.", $"kahve-{Guid.NewGuid():N}@example.test");
        Assert.Contains("Yanıtınız ve yorumunuz Anadolu Kargo ekibine ulaştı.", reachable);
        Assert.Contains("Ekibimiz 12 saat içinde size dönecek.", reachable);

        var anonymous = await AnswerLinkAsync("Tablet/2", 2, null, null);
        Assert.Contains("Yanıtınız Anadolu Kargo ekibine ulaştı.", anonymous);
        Assert.DoesNotContain("data-testid=\"reply-promise\"", anonymous); // nobody to write back to

        var passive = await AnswerLinkAsync("Laptop/3", 7, "Fena değil.", $"pasif-{Guid.NewGuid():N}@example.test");
        Assert.DoesNotContain("data-testid=\"reply-promise\"", passive);
    }

    [Theory]
    [InlineData("review", "http://g.page/r/plain-text", null, "promoterStep.url")]
    [InlineData("review", "javascript:alert(1)", null, "promoterStep.url")]
    [InlineData("review", "https://user:secret@g.page/r/x", null, "promoterStep.url")]
    [InlineData("review", "/relative/path", null, "promoterStep.url")]
    [InlineData("coupon", "https://g.page/r/x", null, "promoterStep.kind")]
    public async Task A_promoter_step_that_is_not_a_clean_https_address_or_kind_is_a_400_naming_the_field(string kind, string url, string? label, string field)
    {
        var api = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api);

        var created = await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Bad step", kind = "transactional", locale = "tr", promoterStep = new { kind, url, label } });
        var changed = await api.PatchAsJsonAsync($"/api/v1/surveys/{survey}", new { promoterStep = new { kind, url, label } });

        foreach (var refused in new[] { created, changed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Theory]
    [InlineData("https://g.page/r/\u0000x", null, "promoterStep.url")]
    [InlineData("https://g.page/r/x", "label\nwith a line break", "promoterStep.label")]
    public async Task A_promoter_step_with_control_characters_is_a_400_naming_the_field(string url, string? label, string field)
    {
        var api = await CompanyAsync();

        var created = await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Bad step", kind = "transactional", locale = "tr", promoterStep = new { kind = "review", url, label } });

        Assert.True((await created.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_promoter_step_longer_than_its_limits_is_a_400_naming_the_field()
    {
        var api = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api);

        var longUrl = await api.PatchAsJsonAsync($"/api/v1/surveys/{survey}", new { promoterStep = new { kind = "review", url = "https://g.page/" + new string('a', 1990) } });
        var longLabel = await api.PatchAsJsonAsync($"/api/v1/surveys/{survey}", new { promoterStep = new { kind = "review", url = ReviewUrl, label = new string('a', 61) } });
        var missingUrl = await api.PatchAsJsonAsync($"/api/v1/surveys/{survey}", new { promoterStep = new { kind = "review" } });

        Assert.True((await longUrl.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("promoterStep.url", out _));
        Assert.True((await longLabel.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("promoterStep.label", out _));
        Assert.Equal(HttpStatusCode.BadRequest, missingUrl.StatusCode);
        var atLimits = await api.PatchAsJsonAsync($"/api/v1/surveys/{survey}",
            new { promoterStep = new { kind = "review", url = "https://g.page/" + new string('a', 1985), label = new string('a', 60) } });
        Assert.Equal(2000, (await atLimits.JsonAsync(HttpStatusCode.OK)).GetProperty("promoterStep").GetProperty("url").GetString()!.Length);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow)
            .WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
