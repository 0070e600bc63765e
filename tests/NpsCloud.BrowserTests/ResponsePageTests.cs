using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// A customer answers from the email: the score link opened in a real Chromium shows that score preselected and
/// one tap on Send records it once;
/// the comment they add updates the same response; a mail scanner's plain GET of the link records nothing.
/// </summary>
public sealed class ResponsePageTests(MailBrowserFixture browser) : IClassFixture<MailBrowserFixture>
{
    [Fact]
    public async Task An_emailed_score_link_records_one_response_and_the_comment_updates_it()
    {
        var (api, mail) = await InviteAsync("Anadolu Kargo", "tr");
        using var _ = api;
        var link = MailBrowserFixture.ScoreLink(mail, 8);

        // A mail scanner fetches the link: nothing is recorded.
        using (var scanner = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link)).StatusCode);
        }

        Assert.Empty(await ResponsesAsync(api));

        // The customer clicks 8 in the email and taps Send on the page, where 8 is preselected.
        browser.Browser.Navigate().GoToUrl(link);
        var send = browser.WaitFor(By.CssSelector("[data-testid='send-score']"));
        Assert.True(browser.Browser.FindElement(By.Id("score-8")).Selected);
        send.Click();
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));
        Assert.Equal("tr", browser.Browser.FindElement(By.TagName("html")).GetAttribute("lang"));
        Assert.True(browser.Browser.FindElement(By.Id("score-8")).Selected);
        var recorded = Assert.Single(await ResponsesAsync(api));
        Assert.Equal(8, recorded.GetProperty("score").GetInt32());

        // A passive is asked what would make it a 10; the comment updates the same response, and the page thanks for it.
        browser.Browser.FindElement(By.Id("comment")).SendKeys("Kurye daha nazik olabilirdi.");
        browser.Browser.FindElement(By.CssSelector("form.answer-form button[type='submit']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='received-comment']")).Any(e => e.Text == "Kurye daha nazik olabilirdi."), "the comment to be thanked for");
        Assert.Empty(browser.Browser.FindElements(By.Id("comment")));

        var updated = Assert.Single(await ResponsesAsync(api));
        Assert.Equal(recorded.GetProperty("id").GetGuid(), updated.GetProperty("id").GetGuid());
        Assert.Equal(8, updated.GetProperty("score").GetInt32());
        Assert.Equal("Kurye daha nazik olabilirdi.", updated.GetProperty("comment").GetString());

        // Opening the same link again (the back button, a second click) records nothing new.
        browser.Browser.Navigate().GoToUrl(link);
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));
        Assert.Equal(2, Assert.Single(await ResponsesAsync(api)).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task The_scale_is_a_keyboard_operable_radio_group_with_a_legend()
    {
        var (api, mail) = await InviteAsync("Ege Market", "en");
        using var _ = api;
        var page = MailBrowserFixture.ScoreLinks(mail)[0];
        page = page[..page.IndexOf('?')];

        browser.Browser.Navigate().GoToUrl(page);
        var legend = browser.WaitFor(By.CssSelector("fieldset.answer-scale legend"));
        Assert.Contains("How likely are you to recommend Ege Market", legend.Text);
        browser.Browser.FindElement(By.Id("score-0")).SendKeys(Keys.Space);
        for (var i = 0; i < 9; i++) browser.Browser.SwitchTo().ActiveElement().SendKeys(Keys.ArrowRight);
        browser.Browser.SwitchTo().ActiveElement().SendKeys(Keys.Enter); // submits the form
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));

        Assert.Equal(9, Assert.Single(await ResponsesAsync(api)).GetProperty("score").GetInt32());
        Assert.Equal("What do you like most about Ege Market?", browser.Browser.FindElement(By.Id("follow-up")).Text);
        // Choosing another score asks that category's question before anything is sent.
        browser.Browser.FindElement(By.CssSelector("label[for='score-3']")).Click();
        browser.WaitUntil(d => d.FindElement(By.Id("follow-up")).Text == "What disappointed you, and what should Ege Market fix first?", "the detractor's question");
    }

    [Fact]
    public async Task A_promoters_thank_you_page_fits_a_phone_and_offers_the_next_step_through_the_counting_redirect()
    {
        var (api, mail) = await InviteAsync("Ege Market", "tr", new { kind = "review", url = "https://g.page/r/ege-market/review", label = "Google üzerinde değerlendirin" });
        using var _ = api;
        browser.Browser.Manage().Window.Size = new System.Drawing.Size(390, 844);

        browser.Browser.Navigate().GoToUrl(MailBrowserFixture.ScoreLink(mail, 10));
        browser.WaitFor(By.CssSelector("[data-testid='send-score']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));
        var comment = "Kasiyer çok güleryüzlüydü, " + new string('ç', 120); // one long word must wrap, not widen the page
        browser.Browser.FindElement(By.Id("comment")).SendKeys(comment);
        browser.Browser.FindElement(By.CssSelector("form.answer-form button[type='submit']")).Click();
        var received = browser.WaitFor(By.CssSelector("[data-testid='received-comment']"));

        Assert.Equal(comment, received.Text);
        var step = browser.Browser.FindElement(By.CssSelector("[data-testid='promoter-step'] a"));
        Assert.Equal("Google üzerinde değerlendirin", step.Text);
        Assert.EndsWith("/next", step.GetAttribute("href"));
        Assert.True(step.Size.Height >= 44, $"the next step is {step.Size.Height}px tall");
        Assert.True(browser.Browser.FindElement(By.CssSelector("[data-testid='change-answer']")).Size.Height >= 44);
        var scroll = Convert.ToInt64(((IJavaScriptExecutor)browser.Browser).ExecuteScript("return document.documentElement.scrollWidth;"));
        Assert.True(scroll <= 390, $"the thank-you page scrolls sideways: {scroll}px of content at 390 px.");
    }

    [Fact]
    public async Task The_invitation_email_fits_a_phone_with_equal_buttons_of_at_least_40_px_and_the_answer_page_s_scale_ends()
    {
        var (api, mail) = await InviteAsync("Ege Lojistik", "tr");
        using var _ = api;
        var file = Path.Combine(Path.GetTempPath(), $"invitation-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, mail.HtmlBody);
        try
        {
            browser.Browser.Manage().Window.Size = new System.Drawing.Size(390, 844);
            browser.Browser.Navigate().GoToUrl(new Uri(file).AbsoluteUri);
            var buttons = browser.Browser.FindElements(By.CssSelector("a[data-score]"));

            Assert.Equal(11, buttons.Count);
            var widths = buttons.Select(b => b.Size.Width).Distinct().ToList();
            Assert.True(widths.Count == 1, $"the buttons differ in width: {string.Join(", ", buttons.Select(b => $"{b.Text}={b.Size.Width}"))}");
            Assert.True(widths[0] >= 40, $"the buttons are {widths[0]} px wide");
            Assert.True(buttons.All(b => b.Size.Height >= 40), "a button is less than 40 px tall");
            var script = (IJavaScriptExecutor)browser.Browser;
            var (scroll, viewport) = (Convert.ToInt64(script.ExecuteScript("return document.documentElement.scrollWidth;")), Convert.ToInt64(script.ExecuteScript("return window.innerWidth;")));
            Assert.True(scroll <= viewport, $"the email scrolls sideways: {scroll}px of content in {viewport} px.");
            Assert.Contains("0 = hiç olası değil", mail.HtmlBody);
            Assert.Contains("10 = son derece olası", mail.HtmlBody);

            // The page the link opens names the ends of the scale in the same words.
            browser.Browser.Navigate().GoToUrl(MailBrowserFixture.ScoreLink(mail, 3));
            var ends = browser.WaitFor(By.Id("scale-ends")).Text;
            Assert.Contains("0 = hiç olası değil", ends);
            Assert.Contains("10 = son derece olası", ends);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A new company (signed up through the API) sends one transactional survey; answers its API client and the invitation email.</summary>
    private async Task<(HttpClient Api, ReceivedEmail Mail)> InviteAsync(string company, string locale, object? promoterStep = null)
    {
        var api = new HttpClient { BaseAddress = browser.BaseAddress };
        var owner = $"owner-{Guid.NewGuid():N}@example.test";
        var signedUp = await Json(await api.PostAsJsonAsync("/api/v1/signup",
            new { companyName = company, name = "Owner", email = owner, password = "a long and memorable passphrase", locale }));
        await browser.VerifyOwnerAsync(owner);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedUp.GetProperty("apiKey").GetString());
        var survey = (await Json(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "After the visit", kind = "transactional", locale, promoterStep }))).GetProperty("id").GetGuid();
        await Json(await api.PostAsync($"/api/v1/surveys/{survey}/activate", null));
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await Json(await api.PostAsJsonAsync($"/api/v1/surveys/{survey}/requests", new { email }));
        return (api, await browser.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation"));
    }

    private static async Task<List<JsonElement>> ResponsesAsync(HttpClient api) =>
        (await Json(await api.GetAsync("/api/v1/responses"))).GetProperty("items").EnumerateArray().ToList();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
