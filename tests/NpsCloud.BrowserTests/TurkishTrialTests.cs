using System.Text.Json;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The trial a Turkish company takes, in a Turkish browser and nothing else: sign up, a survey from the
/// template, five contacts from CSV with one bad line, a segment by city, a test to oneself that is never
/// counted, send now, and a customer's one-click answer with a comment that becomes an answer and a case.
/// </summary>
public sealed class TurkishTrialTests(TurkishTrialTests.Fixture browser) : IClassFixture<TurkishTrialTests.Fixture>
{
    [Fact]
    public async Task A_turkish_company_goes_from_sign_up_to_its_first_answer_and_case_in_the_browser()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var owner = $"selin-{run}@example.test";
        string Customer(string name) => $"{name}-{run}@example.test";

        // Sign up: the welcome page already shows the signed-in header and explains the key can wait.
        browser.Open("/signup");
        browser.WaitFor(By.Id("Form_CompanyName")).SendKeys("Ege Mobilya");
        browser.Browser.FindElement(By.Id("Form_Name")).SendKeys("Selin Aydın");
        browser.Browser.FindElement(By.Id("Form_Email")).SendKeys(owner);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("uzun ve akılda kalan bir parola");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        var key = browser.WaitFor(By.CssSelector("[data-testid='api-key']")).Text.Trim();
        Assert.StartsWith("nps_live_", key);
        Assert.True(browser.Browser.FindElement(By.CssSelector("[data-testid='copy-key']")).Displayed);
        Assert.NotEmpty(browser.Browser.FindElements(By.CssSelector(".account button")));
        using var api = browser.Api(key);

        await browser.VerifyOwnerAsync(owner);

        browser.Open("/app");
        Assert.DoesNotContain("done", Step("survey").GetAttribute("class"));

        // A survey from the Turkish relationship template.
        browser.Open("/app/surveys/edit");
        browser.WaitFor(By.CssSelector("[data-testid='template-relationship']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='template-filled']"));
        browser.Browser.FindElement(By.CssSelector("#survey-form button[type='submit']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='survey-status']"));
        var survey = Guid.Parse(new Uri(browser.Browser.Url).Segments.Last());

        // Five contacts from CSV, one with a bad address: its line is reported, the four others are kept.
        var file = Path.Combine(Path.GetTempPath(), $"kisiler-{run}.csv");
        File.WriteAllText(file, $"""
            email,name,city,segment
            {Customer("ahmet")},Ahmet Yılmaz,İzmir,bireysel
            {Customer("ayse")},Ayşe Demir,izmir,kurumsal
            bozuk-adres,Bozuk Satır,Ankara,bireysel
            {Customer("mehmet")},Mehmet Kaya,Ankara,kurumsal
            {Customer("zeynep")},Zeynep Şahin,İstanbul,bireysel

            """);
        try
        {
            browser.Open("/app/contacts");
            browser.WaitFor(By.Id("file")).SendKeys(file);
            browser.Browser.FindElement(By.CssSelector("form[action*='Import'] button")).Click();
            var report = browser.WaitFor(By.CssSelector("[data-testid='import-result']"));
            Assert.Equal("4", report.FindElement(By.CssSelector("tbody td")).Text.Trim());
        }
        finally
        {
            File.Delete(file);
        }

        // The audience: everyone in İzmir, however the city was typed.
        browser.Open($"/app/surveys/{survey}/audience");
        browser.WaitFor(By.Id("SegmentName")).SendKeys("İzmir müşterileri");
        browser.Browser.FindElement(By.Id("SegmentProperty")).SendKeys("city");
        browser.Browser.FindElement(By.Id("SegmentValues")).SendKeys("İzmir");
        browser.Browser.FindElement(By.CssSelector("[data-testid='segment-form'] button[type='submit']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='flash']"));
        Assert.Equal("2", browser.WaitFor(By.CssSelector("[data-testid='audience-count']")).Text.Trim());

        // A test to oneself arrives marked as a test; answering it counts nowhere.
        browser.Open($"/app/surveys/{survey}");
        browser.WaitFor(By.CssSelector("[data-testid='send-test']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='flash']"));
        var test = await browser.Smtp.WaitForAsync(m => m.To.Contains(owner) && m.Subject.Contains("[Deneme]"), "the test email");
        browser.Browser.Navigate().GoToUrl(MailBrowserFixture.ScoreLink(test, 10));
        browser.WaitFor(By.CssSelector("[data-testid='test-note']"));
        browser.WaitFor(By.CssSelector("[data-testid='send-score']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));
        Assert.Empty(await ResponsesAsync(api));

        browser.Open("/app");
        Assert.Contains("done", Step("test").GetAttribute("class"));
        Assert.Contains("done", Step("answer").GetAttribute("class"));
        Assert.DoesNotContain("done", Step("send").GetAttribute("class"));

        // Send now: a confirmation first, then the counters show the wave going out.
        browser.Open($"/app/surveys/{survey}");
        browser.WaitFor(By.CssSelector("[data-testid='send-now']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='send-now-confirm']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='flash']"));
        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElement(By.CssSelector("[data-testid='stat-sent']")).Text.Trim() == "2";
        }, "both İzmir customers to be sent");

        // The customer's email comes from the company, answers go back to it, and it greets them by name.
        var mail = await browser.Smtp.WaitForAsync(m => m.To.Contains(Customer("ahmet")), "Ahmet's invitation");
        Assert.Contains("Ege Mobilya via NpsCloud", mail.From);
        Assert.Contains(owner, mail.Headers.GetValueOrDefault("Reply-To", ""));
        Assert.Contains("Merhaba Ahmet,", mail.TextBody);
        Assert.Single(browser.Smtp.Messages(), m => m.To.Contains(Customer("ayse")));
        Assert.DoesNotContain(browser.Smtp.Messages(), m => m.To.Contains(Customer("mehmet")) || m.To.Contains(Customer("zeynep")));

        // One click on 3 in the email, one tap on Send, then the comment.
        var link = MailBrowserFixture.ScoreLink(mail, 3);
        browser.Browser.Navigate().GoToUrl(link);
        browser.WaitFor(By.CssSelector("[data-testid='send-score']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='answer-saved']"));
        browser.Browser.FindElement(By.Id("comment")).SendKeys("Koltuk iki hafta geç geldi.");
        browser.Browser.FindElement(By.CssSelector("form.answer-form button[type='submit']")).Click();
        browser.WaitUntil(d => d.Url.Contains("saved="), "the comment to be saved");

        // The company sees the answer and its case.
        browser.Open("/app/responses");
        Assert.Contains("Koltuk iki hafta geç geldi.", browser.WaitFor(By.CssSelector("[data-testid='responses']")).Text);
        browser.WaitUntil(d =>
        {
            d.Navigate().GoToUrl(new Uri(browser.BaseAddress, "/app/follow-ups"));
            return d.FindElements(By.CssSelector("tr[data-case] .score-badge")).Any(b => b.Text.Trim() == "3");
        }, "the detractor's case in the inbox");

        var answers = await ResponsesAsync(api);
        var answer = Assert.Single(answers);
        Assert.Equal(3, answer.GetProperty("score").GetInt32());
        Assert.Equal("email", answer.GetProperty("channel").GetString());

        browser.Open("/app");
        Assert.Contains("done", Step("send").GetAttribute("class"));
    }

    private IWebElement Step(string step) => browser.WaitFor(By.CssSelector($"[data-testid='checklist'] li[data-step='{step}']"));

    private static async Task<List<JsonElement>> ResponsesAsync(HttpClient api)
    {
        var response = await api.GetAsync("/api/v1/responses");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public sealed class Fixture : MailBrowserFixture
    {
        protected override string BrowserLanguage => "tr-TR,tr";
    }
}
