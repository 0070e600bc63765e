using System.Net;
using NpsCloud.Contracts.Tenants;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>The company's touchpoints: a key with a Turkish and an English label, managed on the settings page and shown in the reader's language on the others.</summary>
public sealed class TouchpointTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_owner_adds_relabels_and_deletes_a_touchpoint_and_the_page_names_it_in_the_reader_language()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });
        Assert.Contains("data-testid=\"touchpoints\"", await browser.GetStringAsync("/app/settings"));

        var saved = await SaveAsync(browser, "delivery", "Teslimat", "Delivery");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var english = await PageAsync(browser, "en");
        Assert.Contains("The touchpoint “delivery” is saved.", english);
        Assert.Contains("data-key=\"delivery\"", english);
        Assert.Contains("Delete the touchpoint “Delivery”?", english);
        Assert.Contains("“Teslimat” temas noktası silinsin mi?", await PageAsync(browser, "tr"));

        // The same key again relabels it; a key in the wrong shape is refused on the form, not a 500.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(browser, "delivery", "Kargo teslimi", "Shipping")).StatusCode);
        Assert.Contains("“Kargo teslimi” temas noktası silinsin mi?", await PageAsync(browser, "tr"));
        var refused = await SaveAsync(browser, "Teslimat Ekibi", "Teslimat", "Delivery");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("field-error", await refused.Content.ReadAsStringAsync());
        // A form left empty is the form with its errors, not a 500.
        var empty = await SaveAsync(browser, "", "", "");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("field-error", await empty.Content.ReadAsStringAsync());

        var deleted = await TenantApi.PostFormAsync(browser, "/app/settings", new Dictionary<string, string>(), "/app/settings?handler=DeleteTouchpoint&key=delivery");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var after = await PageAsync(browser, "en");
        Assert.Contains("The touchpoint “delivery” is deleted.", after);
        Assert.DoesNotContain("data-key=\"delivery\"", after);
    }

    [Fact]
    public async Task Responses_and_the_dashboard_name_a_labelled_touchpoint_in_the_reader_language_and_filter_by_its_key()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(browser, "delivery", "Teslimat", "Delivery")).StatusCode);
        var api = fixture.App.WithKey(owner.ApiKey);
        var survey = await SurveyApi.CreateAsync(api, new { name = "After delivery", kind = "transactional", locale = "en" });
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "deniz@example.test", score = 9, touchpoint = "delivery" });
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "ayse@example.test", score = 3, touchpoint = "legacy-desk" });

        foreach (var (language, label) in new[] { ("tr", "Teslimat"), ("en", "Delivery") })
        {
            var responses = await GetAsync(browser, "/app/responses", language);
            Assert.Contains($"<td>{label}</td>", responses);
            Assert.Contains("<select id=\"touchpoint\" name=\"touchpoint\">", responses);
            Assert.Contains($"<option value=\"delivery\">{label}</option>", responses);
            var dashboard = await GetAsync(browser, "/dashboard?touchpoint=delivery", language);
            Assert.Contains("<select id=\"touchpoint\" name=\"touchpoint\">", dashboard);
            Assert.Contains($"<option value=\"delivery\" selected=\"selected\">{label}</option>", dashboard);
        }

        // A stored key without a label shows as itself, and chosen in the filter it stays a choice.
        var legacy = await GetAsync(browser, "/app/responses?touchpoint=legacy-desk", "tr");
        Assert.Contains("<td>legacy-desk</td>", legacy);
        Assert.Contains("<option value=\"legacy-desk\" selected=\"selected\">legacy-desk</option>", legacy);
        Assert.DoesNotContain("<td>Teslimat</td>", legacy);
    }

    [Fact]
    public void A_stored_key_without_a_label_shows_as_itself()
    {
        var labels = new TouchpointLabels([new TouchpointLabel("support", "Destek", "Support")]);
        Assert.Equal("Destek", labels.Label("support", "tr"));
        Assert.Equal("Support", labels.Label("support", "en"));
        Assert.Equal("legacy-key", labels.Label("legacy-key", "tr"));
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient browser, string key, string tr, string en) =>
        TenantApi.PostFormAsync(browser, "/app/settings", new Dictionary<string, string>
        {
            ["NewTouchpoint.Key"] = key, ["NewTouchpoint.LabelTr"] = tr, ["NewTouchpoint.LabelEn"] = en,
        }, "/app/settings?handler=Touchpoint");

    private static Task<string> PageAsync(HttpClient browser, string language) => GetAsync(browser, "/app/settings", language);

    private static async Task<string> GetAsync(HttpClient browser, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return WebUtility.HtmlDecode(await (await browser.SendAsync(request)).Content.ReadAsStringAsync());
    }
}
