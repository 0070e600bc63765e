using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>A department head's day: sign in from the invitation, find the case in the inbox, open it, mark it contacted.</summary>
public sealed partial class FollowUpInboxTests(FollowUpInboxTests.Fixture browser) : IClassFixture<FollowUpInboxTests.Fixture>
{
    [Fact]
    public async Task A_department_head_opens_a_case_from_the_inbox_and_marks_it_contacted()
    {
        using var api = browser.Api(browser.SignUp("Anadolu Kargo"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Teslimat", kind = "transactional", locale = "tr" });
        var support = await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Müşteri Hizmetleri" });
        var billing = await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Faturalama" });
        var headEmail = $"head-{Guid.NewGuid():N}@example.test";
        await BrowserFixture.CreateAsync(api, "/api/v1/users/invitations", new { email = headEmail, role = "DepartmentHead", departmentIds = new[] { support } });
        var invitation = await Poll.ForAsync(() => Task.FromResult(browser.PickedUpMail().FirstOrDefault(m => m.To.Contains(headEmail))), "the invitation email");

        browser.Browser.Manage().Cookies.DeleteAllCookies(); // the owner's session ends; the head signs in from the invitation
        browser.Browser.Navigate().GoToUrl(AcceptLink().Match(invitation.TextBody!).Value);
        browser.WaitFor(By.Id("Form_Name")).SendKeys("Ece Kaya");
        var password = browser.Browser.FindElement(By.Id("Form_Password"));
        password.SendKeys("head of the support desk");
        password.Submit();
        browser.WaitUntil(d => !d.Url.Contains("/invitations/"), "the signed-in app");

        var users = JsonDocument.Parse(await api.GetStringAsync("/api/v1/users")).RootElement.GetProperty("items");
        var head = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == headEmail).GetProperty("id").GetGuid();
        var patched = await api.PatchAsync($"/api/v1/departments/{support}", System.Net.Http.Json.JsonContent.Create(new { headUserId = head }));
        Assert.True(patched.IsSuccessStatusCode);
        var own = await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = "kizgin@example.test", score = 2, comment = "Kargo üç gün gecikti", departmentId = support });
        await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = "fatura@example.test", score = 1, comment = "Fatura yanlış", departmentId = billing });
        await Poll.UntilAsync(async () => JsonDocument.Parse(await api.GetStringAsync("/api/v1/follow-ups")).RootElement.GetProperty("items").GetArrayLength() == 2, "both cases");

        browser.Open("/app/follow-ups");
        var row = browser.WaitFor(By.CssSelector("[data-testid='cases'] tbody tr"));
        Assert.Single(browser.Browser.FindElements(By.CssSelector("tbody tr"))); // only her department's case
        row.FindElement(By.CssSelector("a")).Click();
        Assert.Equal("Kargo üç gün gecikti", browser.WaitFor(By.CssSelector("[data-testid='comment']")).Text);
        Assert.Equal("Open", browser.Browser.FindElement(By.CssSelector("[data-testid='status']")).Text);
        browser.Browser.FindElement(By.Id("Outcome")).SendKeys("Aradım, özür diledim.");
        browser.Browser.FindElement(By.CssSelector("[data-testid='status-form'] button[data-action='contacted']")).Click();

        browser.WaitUntil(d => d.FindElement(By.CssSelector("[data-testid='status']")).Text == "Contacted", "the case to be contacted");
        Assert.Contains("Ece Kaya", browser.Browser.FindElement(By.CssSelector("[data-testid='history']")).Text);
        var cases = JsonDocument.Parse(await api.GetStringAsync("/api/v1/follow-ups?status=contacted")).RootElement.GetProperty("items");
        Assert.Equal(own, cases.EnumerateArray().Single().GetProperty("responseId").GetGuid());
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    /// <summary>The browser fixture, keeping the host's mail pickup folder in reach (it has no SMTP server).</summary>
    public sealed class Fixture : BrowserFixture
    {
        private NpsAppFactory? _app;

        protected override NpsAppFactory Configure(NpsAppFactory app) => _app = app;

        public IReadOnlyList<ReceivedEmail> PickedUpMail()
        {
            var folder = Path.Combine(_app!.DataDirectory, "mail");
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Select(f => ReceivedEmail.Parse(File.ReadAllText(f))).ToList() : [];
        }
    }
}
