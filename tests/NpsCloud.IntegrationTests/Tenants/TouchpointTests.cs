using System.Net;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>The company's touchpoints on the settings page: a key with a Turkish and an English label, shown in the reader's language.</summary>
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

    private static async Task<string> PageAsync(HttpClient browser, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/settings");
        request.Headers.AcceptLanguage.ParseAdd(language);
        return WebUtility.HtmlDecode(await (await browser.SendAsync(request)).Content.ReadAsStringAsync());
    }
}
