using System.Net;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>The manager pages for the thank-you page's settings: the survey's promoter step, and the company's two switches.</summary>
public sealed class PromoterStepPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> SurveyForm(string kind, string url, string label) => new()
    {
        ["Form.Name"] = "Teslimat sonrası",
        ["Form.Kind"] = "transactional",
        ["Form.Locale"] = "tr",
        ["Form.BrandColor"] = "#4f46e5",
        ["Form.ReminderAfterDays"] = "0",
        ["Form.LinkValidDays"] = "30",
        ["Form.PromoterStep.Kind"] = kind,
        ["Form.PromoterStep.Url"] = url,
        ["Form.PromoterStep.Label"] = label,
    };

    [Fact]
    public async Task The_survey_form_sets_the_promoter_step_and_the_survey_page_shows_it_with_its_clicks()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: "tr");
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { locale = "tr" });
        var owner = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");

        var saved = await TenantApi.PostFormAsync(owner, $"/app/surveys/edit/{survey}",
            SurveyForm("referral", "https://kargo.example/davet", "Arkadaşını davet et"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var step = (await (await api.GetAsync($"/api/v1/surveys/{survey}")).JsonAsync(HttpStatusCode.OK)).GetProperty("promoterStep");
        Assert.Equal("referral", step.GetProperty("kind").GetString());
        Assert.Equal("Arkadaşını davet et", step.GetProperty("label").GetString());
        var page = WebUtility.HtmlDecode(await owner.GetStringAsync($"/app/surveys/{survey}"));
        Assert.Contains("Tavsiye bağlantısı: <a href=\"https://kargo.example/davet\"", page);
        Assert.Contains("<strong data-testid=\"promoter-clicks\">0</strong>", page);
        var form = WebUtility.HtmlDecode(await owner.GetStringAsync($"/app/surveys/edit/{survey}"));
        Assert.Matches("id=\"Form_PromoterStep_Url\"[^>]*value=\"https://kargo.example/davet\"", form);

        // Choosing "none" removes the step.
        Assert.Equal(HttpStatusCode.Redirect, (await TenantApi.PostFormAsync(owner, $"/app/surveys/edit/{survey}", SurveyForm("", "", ""))).StatusCode);
        Assert.Contains("Destekçiler için sonraki adım yok", WebUtility.HtmlDecode(await owner.GetStringAsync($"/app/surveys/{survey}")));
    }

    [Fact]
    public async Task A_plain_http_address_is_shown_on_the_survey_form_beside_its_field_and_nothing_is_saved()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: "tr");
        var api = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { locale = "tr" });
        var owner = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");

        var refused = await TenantApi.PostFormAsync(owner, $"/app/surveys/edit/{survey}", SurveyForm("review", "http://g.page/r/x", ""));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Matches(new Regex("data-valmsg-for=\"Form.PromoterStep.Url\"[^>]*>[^<]*En fazla 2000 karakterlik tam bir https adresi kullanın"), page);
        var stored = (await (await api.GetAsync($"/api/v1/surveys/{survey}")).JsonAsync(HttpStatusCode.OK)).GetProperty("promoterStep");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.ValueKind);
    }

    [Fact]
    public async Task The_settings_page_switches_the_detractors_promise_and_promoter_cases_on_and_says_so()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: "tr");
        var api = fixture.App.WithKey(company.ApiKey);
        var owner = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");
        var settingsPage = WebUtility.HtmlDecode(await owner.GetStringAsync("/app/settings"));
        Assert.Contains("Teşekkür sayfasında Kötüleyenlere (0–6) size döneceğimizi söyle", settingsPage);

        var saved = await TenantApi.PostFormAsync(owner, "/app/settings", new Dictionary<string, string>
        {
            ["Form.Locale"] = "tr",
            ["Form.TimeZone"] = "Europe/Istanbul",
            ["Form.ThrottleDays"] = "30",
            ["Form.FollowUpSlaHours"] = "24",
            ["Form.ResurveyAfterResolutionDays"] = "0",
            ["Form.ReplyTo"] = company.Email,
            ["Form.PromiseDetractorReply"] = "true",
            ["Form.FollowUpPromoters"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("alert-success", await saved.Content.ReadAsStringAsync());
        var settings = (await (await api.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("settings");
        Assert.True(settings.GetProperty("promiseDetractorReply").GetBoolean());
        Assert.True(settings.GetProperty("followUpPromoters").GetBoolean());
    }
}
