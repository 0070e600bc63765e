using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.Testing;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The fixture's headless Chromium is exactly what a link-detonating mail gateway runs: it renders the emailed
/// link and runs its scripts. Loaded alone it records nothing; a scripted click on Send records an answer that
/// is flagged and counted nowhere; a person's click and tap record one counted answer. What the browser reports
/// (visibility, focus, navigator.webdriver, its user agent) is written to the test output: docs/api.md ("Scanner safety") quotes it.
/// </summary>
public sealed class ScannerSafetyTests(MailBrowserFixture browser, ITestOutputHelper output) : IClassFixture<MailBrowserFixture>
{
    /// <summary>Longer than answer.js waits after a real tap before it sends by itself (3 s).</summary>
    private const double LongerThanThePageWaits = 4500;

    [Fact]
    public async Task A_headless_chromium_that_only_loads_the_emailed_link_records_nothing_counted_while_a_persons_click_and_submit_records_one_answer()
    {
        var (api, mail) = await InviteAsync();
        using var _ = api;
        var link = MailBrowserFixture.ScoreLink(mail, 0);

        // The gateway opens the link and lets the page run.
        browser.Browser.Navigate().GoToUrl(link);
        browser.WaitUntil(d => d.FindElement(By.Name("client")).GetAttribute("value") == "js", "the page's script to run");
        var seen = (IReadOnlyDictionary<string, object>)((IJavaScriptExecutor)browser.Browser).ExecuteScript(
            "return {visibility: document.visibilityState, focus: document.hasFocus(), webdriver: navigator.webdriver, agent: navigator.userAgent, sinceLoad: performance.now()};")!;
        foreach (var (key, value) in seen) output.WriteLine($"headless Chromium, loaded only: {key} = {value}");
        browser.WaitUntil(d => Convert.ToDouble(((IJavaScriptExecutor)d).ExecuteScript("return performance.now();")) > LongerThanThePageWaits, "the page to have stood for a while");
        Assert.Contains("score=0", browser.Browser.Url);
        Assert.Empty(await ResponsesAsync(api));

        // A gateway that also clicks what it finds, by script: kept, flagged, counted nowhere.
        ((IJavaScriptExecutor)browser.Browser).ExecuteScript("document.querySelector(\"[data-testid='send-score']\").click();");
        browser.WaitUntil(d => d.Url.Contains("saved="), "the scripted submission");
        var flagged = Assert.Single(await ResponsesAsync(api));
        Assert.True(flagged.GetProperty("suspectedAutomation").GetBoolean());

        // The person clicks 0 in the email, changes their mind to 3 and taps Send, at once.
        browser.Browser.Navigate().GoToUrl(link);
        browser.WaitFor(By.CssSelector("[data-testid='send-score']"));
        Assert.True(browser.Browser.FindElement(By.Id("score-0")).Selected);
        browser.Browser.FindElement(By.CssSelector("label[for='score-3']")).Click();
        browser.WaitUntil(d => d.FindElement(By.CssSelector("[data-testid='pending-score']")).Text.StartsWith("Your score: 3."), "the note to follow the choice");
        browser.Browser.FindElement(By.CssSelector("[data-testid='send-score']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));

        var answer = Assert.Single(await ResponsesAsync(api));
        Assert.Equal(flagged.GetProperty("id").GetGuid(), answer.GetProperty("id").GetGuid());
        Assert.False(answer.GetProperty("suspectedAutomation").GetBoolean());
        Assert.Equal(3, answer.GetProperty("score").GetInt32());
        browser.WaitUntil(_ => MetricsAsync(api).GetAwaiter().GetResult().GetProperty("responses").GetInt64() == 1, "the person's answer to count");
    }

    private async Task<(HttpClient Api, ReceivedEmail Mail)> InviteAsync()
    {
        var api = new HttpClient { BaseAddress = browser.BaseAddress };
        var owner = $"owner-{Guid.NewGuid():N}@example.test";
        var signedUp = await Json(await api.PostAsJsonAsync("/api/v1/signup",
            new { companyName = "Marmara Sigorta", name = "Owner", email = owner, password = "a long and memorable passphrase", locale = "en" }));
        await browser.VerifyOwnerAsync(owner);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedUp.GetProperty("apiKey").GetString());
        var survey = (await Json(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "After the claim", kind = "transactional", locale = "en" }))).GetProperty("id").GetGuid();
        await Json(await api.PostAsync($"/api/v1/surveys/{survey}/activate", null));
        var email = $"customer-{Guid.NewGuid():N}@example.test";
        await Json(await api.PostAsJsonAsync($"/api/v1/surveys/{survey}/requests", new { email }));
        return (api, await browser.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation"));
    }

    private static async Task<List<JsonElement>> ResponsesAsync(HttpClient api) =>
        (await Json(await api.GetAsync("/api/v1/responses"))).GetProperty("items").EnumerateArray().ToList();

    private static async Task<JsonElement> MetricsAsync(HttpClient api) => await Json(await api.GetAsync("/api/v1/metrics"));

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
