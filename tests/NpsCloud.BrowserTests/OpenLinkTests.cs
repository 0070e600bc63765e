using System.Drawing;
using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace NpsCloud.BrowserTests;

/// <summary>
/// A survey's open link, in Turkish: the owner creates it on the share page, gives it a hidden field and gets
/// its QR code; a customer answers on a phone through the printed address; a kiosk tablet thanks each person
/// and clears itself for the next one.
/// </summary>
public sealed class OpenLinkTests(OpenLinkTests.Fixture browser) : IClassFixture<OpenLinkTests.Fixture>
{
    private static readonly byte[] PngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

    [Fact]
    public async Task Owner_shares_the_open_link_and_its_qr_code_and_a_customer_answers_on_a_phone()
    {
        using var api = browser.Api(browser.SignUp("Kadıköy Kahve"));
        var survey = await ActiveSurveyAsync(api);
        browser.Browser.Manage().Window.Size = new Size(390, 844);

        browser.Open($"/app/surveys/{survey}");
        browser.WaitFor(By.CssSelector("[data-testid='share-link']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='create-link']")).Click();
        Assert.Equal("Açık bağlantı oluşturuldu. Paylaşın veya QR kodunu yazdırın.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);

        var hidden = browser.WaitFor(By.CssSelector("[data-testid='link-form'] #Form_HiddenFields"));
        hidden.SendKeys("store");
        browser.Browser.FindElement(By.CssSelector("[data-testid='save-link']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Any(f => f.Text == "Bağlantı ayarları kaydedildi."), "the saved settings' flash");
        Assert.Equal("store", browser.WaitFor(By.Id("Form_HiddenFields")).GetDomProperty("value"));
        AssertNoSidewaysScroll("the share page");

        var js = (IJavaScriptExecutor)browser.Browser;
        browser.WaitUntil(_ => Convert.ToInt64(js.ExecuteScript("var qr = document.querySelector(\"[data-testid='qr']\"); return qr && qr.complete ? qr.naturalWidth : 0;")) > 0, "the QR code to load");
        var png = (string)js.ExecuteAsyncScript(
            "var done = arguments[arguments.length - 1];" +
            "fetch(document.querySelector(\"[data-testid='qr-png']\").href).then(function (r) { return r.arrayBuffer(); })" +
            ".then(function (b) { done(Array.from(new Uint8Array(b).slice(0, 8)).join(',')); }, function (e) { done('failed ' + e); });")!;
        Assert.Equal(string.Join(',', PngSignature), png);
        var fromApi = await api.GetByteArrayAsync($"/api/v1/surveys/{survey}/link/qr?format=png&store=kadikoy");
        Assert.Equal(PngSignature, fromApi.Take(8).ToArray());
        Assert.StartsWith("https://wa.me/?text=http%3A%2F%2F127.0.0.1", browser.Browser.FindElement(By.CssSelector("[data-testid='whatsapp']")).GetAttribute("href"));

        var url = browser.WaitFor(By.CssSelector("[data-testid='link-url']")).GetDomProperty("value")!;
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/s/[^/?]+$", url);
        browser.Browser.Navigate().GoToUrl($"{url}?store=kadikoy");
        Assert.Equal("open", browser.WaitFor(By.CssSelector("[data-testid='open-link']")).GetAttribute("data-state"));
        browser.WaitFor(By.CssSelector("label[for='score-3']")).Click();
        browser.Browser.FindElement(By.Id("comment")).SendKeys("Kahve soğuktu.");
        AssertNoSidewaysScroll("the open link's page");
        browser.Browser.FindElement(By.CssSelector("form.answer-form button[type='submit']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));

        browser.Browser.Navigate().GoToUrl(url);
        browser.WaitFor(By.CssSelector("[data-testid='already-answered']"));

        var recorded = Assert.Single(await ResponsesAsync(api));
        Assert.Equal("link", recorded.GetProperty("channel").GetString());
        Assert.Equal(3, recorded.GetProperty("score").GetInt32());
        Assert.Equal("Kahve soğuktu.", recorded.GetProperty("comment").GetString());
        Assert.Equal("kadikoy", recorded.GetProperty("properties").GetProperty("store").GetString());

        // A new address asks first, then ends the old one.
        browser.Open($"/app/surveys/{survey}/share");
        browser.WaitFor(By.CssSelector("[data-testid='renew-link']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='confirm-renew']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Any(f => f.Text.StartsWith("Bağlantının yeni bir adresi var")), "the new address' flash");
        Assert.NotEqual(url, browser.WaitFor(By.CssSelector("[data-testid='link-url']")).GetDomProperty("value"));
        browser.Browser.Navigate().GoToUrl(url);
        Assert.Equal("unknown", browser.WaitFor(By.CssSelector("[data-testid='open-link']")).GetAttribute("data-state"));
    }

    [Fact]
    public async Task A_kiosk_thanks_and_resets_for_the_next_person()
    {
        using var api = browser.Api(browser.SignUp("Moda Kahve"));
        var survey = await ActiveSurveyAsync(api);
        var put = await api.PutAsJsonAsync($"/api/v1/surveys/{survey}/link", new { });
        var body = await put.Content.ReadAsStringAsync();
        Assert.True(put.IsSuccessStatusCode, body);
        var kiosk = JsonDocument.Parse(body).RootElement.GetProperty("kioskUrl").GetString()!;
        browser.Browser.Manage().Window.Size = new Size(390, 844);

        browser.Browser.Navigate().GoToUrl(kiosk);
        Answer(10);
        browser.WaitFor(By.CssSelector("[data-testid='kiosk-reset']"));

        // The thank-you page refreshes itself back to an empty form for the next person.
        var reset = new WebDriverWait(browser.Browser, TimeSpan.FromSeconds(30));
        reset.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        reset.Until(d => d.FindElements(By.Id("score-0")).Count == 1
            && d.FindElement(By.CssSelector("[data-testid='open-link']")).GetAttribute("data-state") == "open");
        Answer(7);
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));

        var recorded = await ResponsesAsync(api);
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, r => Assert.Equal("link", r.GetProperty("channel").GetString()));
        Assert.Equal([7, 10], recorded.Select(r => r.GetProperty("score").GetInt32()).Order().ToArray());
    }

    private void Answer(int score)
    {
        browser.WaitFor(By.CssSelector($"label[for='score-{score}']")).Click();
        browser.Browser.FindElement(By.CssSelector("form.answer-form button[type='submit']")).Click();
    }

    private static async Task<Guid> ActiveSurveyAsync(HttpClient api)
    {
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Mağaza deneyimi", kind = "transactional", locale = "tr" });
        var activated = await api.PostAsync($"/api/v1/surveys/{survey}/activate", null);
        Assert.True(activated.IsSuccessStatusCode, await activated.Content.ReadAsStringAsync());
        return survey;
    }

    private static async Task<List<JsonElement>> ResponsesAsync(HttpClient api)
    {
        var page = JsonDocument.Parse(await api.GetStringAsync("/api/v1/responses")).RootElement;
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private void AssertNoSidewaysScroll(string where)
    {
        var scroll = Convert.ToInt64(((IJavaScriptExecutor)browser.Browser).ExecuteScript("return document.documentElement.scrollWidth;"));
        Assert.True(scroll <= 390, $"{where} scrolls sideways: {scroll}px of content at 390 px.");
    }

    public sealed class Fixture : BrowserFixture
    {
        protected override string BrowserLanguage => "tr-TR,tr";
    }
}
