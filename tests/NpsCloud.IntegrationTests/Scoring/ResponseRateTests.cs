using System.Net;
using System.Net.Http.Json;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Scoring;

/// <summary>
/// The response rate counts invitation answers against the invitations emailed in the window; answers no
/// invitation asked for are counted beside it. The dashboard says which, and shows the next step while
/// there is nothing to show.
/// </summary>
public sealed class ResponseRateTests(ResponseRateTests.Fixture fixture) : IClassFixture<ResponseRateTests.Fixture>
{
    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }

    /// <summary>Three invitations, one answered by its email, and two answers through the API: a rate of 1 in 3, plus 2.</summary>
    private async Task<(TenantApi.SignedUp Company, HttpClient Api, Guid Survey)> OneOfThreeInvitedAnsweredAndTwoByApiAsync(string locale)
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: locale);
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            var email = $"invited{i}-{Guid.NewGuid():N}@example.test";
            await SurveyApi.RequestAsync(api, survey, new { email });
            var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
            if (i == 0) await browser.PostAsync("/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.TextBody!)[0]), new FormUrlEncodedContent([new("score", "9")]));
        }

        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = $"api1-{Guid.NewGuid():N}@example.test", score = 3 });
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = $"api2-{Guid.NewGuid():N}@example.test", score = 10 });
        await Poll.UntilAsync(async () =>
        {
            var metrics = await (await api.GetAsync("/api/v1/metrics")).JsonAsync(HttpStatusCode.OK);
            return metrics.GetProperty("responses").GetInt32() == 3 && metrics.GetProperty("responseRate").GetProperty("responded").GetInt32() == 1;
        }, "the three answers to be counted", TimeSpan.FromSeconds(90)); // the dispatcher and the rollups run in the background of a busy host
        return (company, api, survey);
    }

    [Fact]
    public async Task The_rate_counts_only_invitation_answers_and_answers_without_an_invitation_are_counted_apart()
    {
        var (_, api, survey) = await OneOfThreeInvitedAnsweredAndTwoByApiAsync("en");

        var rate = (await (await api.GetAsync($"/api/v1/metrics?surveyId={survey}")).JsonAsync(HttpStatusCode.OK)).GetProperty("responseRate");

        Assert.Equal(3, rate.GetProperty("sent").GetInt32());
        Assert.Equal(1, rate.GetProperty("responded").GetInt32());
        Assert.Equal(33.3, rate.GetProperty("percent").GetDouble());
        Assert.Equal(2, rate.GetProperty("otherAnswers").GetInt32());
        // Asked for the API answers alone, nothing of them is an invitation answer.
        var apiOnly = (await (await api.GetAsync("/api/v1/metrics?channel=api")).JsonAsync(HttpStatusCode.OK)).GetProperty("responseRate");
        Assert.Equal(2, apiOnly.GetProperty("otherAnswers").GetInt32());
    }

    [Theory]
    [InlineData("en", "33.3% of those invited answered", "plus 2 answers by link, widget, API or import")]
    [InlineData("tr", "davet edilenlerin %33,3'ü yanıtladı", "ayrıca bağlantı, widget, API ya da içe aktarmayla 2 yanıt")]
    public async Task The_dashboard_says_the_rate_is_of_those_invited_and_counts_the_other_answers_apart(string locale, string basis, string others)
    {
        var (company, _, _) = await OneOfThreeInvitedAnsweredAndTwoByApiAsync(locale);
        var browser = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(locale);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));

        Assert.Contains(basis, page);
        Assert.Contains(others, page);
        Assert.DoesNotContain("data-testid=\"next-step\"", page);
    }

    [Fact]
    public async Task An_empty_dashboard_shows_the_next_step_instead_of_dashes_and_a_low_sample_warning()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: "tr");
        var api = fixture.App.WithKey(company.ApiKey);
        var browser = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");

        var first = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));
        Assert.Contains("data-testid=\"next-step\"", first);
        Assert.Contains("ilk anketinizi oluşturun", first);
        Assert.Contains("href=\"/app/surveys/edit\"", first);
        Assert.DoesNotContain("data-testid=\"low-sample\"", first);
        Assert.DoesNotContain("data-testid=\"nps\"", first);

        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var second = WebUtility.HtmlDecode(await browser.GetStringAsync("/dashboard"));
        Assert.Contains("anketinizi gönderin", second);
        Assert.Contains($"href=\"/app/surveys/{survey}\"", second);
    }

    [Fact]
    public async Task A_department_without_answers_points_at_creating_its_survey_and_then_at_sending_it()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var department = await TenantApi.CreateDepartmentAsync(api, "Teslimat");
        var browser = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);

        var before = WebUtility.HtmlDecode(await browser.GetStringAsync($"/departments/{department}"));
        Assert.Contains("data-testid=\"next-step\"", before);
        Assert.Contains($"href=\"/app/surveys/edit?departmentId={department}\"", before);

        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { departmentId = department });
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync($"/departments/{department}"));
        Assert.Contains($"href=\"/app/surveys/{survey}\"", after);
        var form = WebUtility.HtmlDecode(await browser.GetStringAsync($"/app/surveys/edit?departmentId={department}"));
        Assert.Matches($"<option (selected=\"selected\" value=\"{department}\"|value=\"{department}\" selected=\"selected\")>", form);
    }
}
