using System.Drawing;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>A department head works a case to its end on a phone: replies to the customer, moves it to the department that owns the cause, resolves it.</summary>
public sealed partial class CaseWorkTests(MailBrowserFixture browser) : IClassFixture<MailBrowserFixture>
{
    [Fact]
    public async Task A_department_head_replies_to_the_customer_moves_the_case_and_resolves_it_with_a_confirmation_after_each_step()
    {
        var ownerEmail = $"owner-{Guid.NewGuid():N}@example.test";
        using var api = browser.Api(SignUp("Anadolu Mobilya", ownerEmail));
        await browser.VerifyOwnerAsync(ownerEmail);
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Teslimat", kind = "transactional", locale = "en" });
        var support = await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Customer care" });
        var delivery = await BrowserFixture.CreateAsync(api, "/api/v1/departments", new { name = "Delivery" });
        var headEmail = $"head-{Guid.NewGuid():N}@example.test";
        await BrowserFixture.CreateAsync(api, "/api/v1/users/invitations", new { email = headEmail, role = "DepartmentHead", departmentIds = new[] { support, delivery } });
        var invitation = await browser.Smtp.WaitForAsync(m => m.To.Contains(headEmail), "the invitation email");

        browser.Browser.Manage().Cookies.DeleteAllCookies();
        browser.Browser.Manage().Window.Size = new Size(390, 844);
        browser.Browser.Navigate().GoToUrl(AcceptLink().Match(invitation.TextBody!).Value);
        browser.WaitFor(By.Id("Form_Name")).SendKeys("Ece Kaya");
        var password = browser.Browser.FindElement(By.Id("Form_Password"));
        password.SendKeys("head of the support desk");
        password.Submit();
        browser.WaitUntil(d => !d.Url.Contains("/invitations/"), "the signed-in app");
        var users = JsonDocument.Parse(await api.GetStringAsync("/api/v1/users")).RootElement.GetProperty("items");
        var head = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == headEmail).GetProperty("id").GetGuid();
        Assert.True((await api.PatchAsync($"/api/v1/departments/{support}", System.Net.Http.Json.JsonContent.Create(new { headUserId = head }))).IsSuccessStatusCode);
        Assert.True((await api.PatchAsync($"/api/v1/departments/{delivery}", System.Net.Http.Json.JsonContent.Create(new { headUserId = head }))).IsSuccessStatusCode);
        var customer = $"selin-{Guid.NewGuid():N}@example.test";
        await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = customer, score = 2, comment = "The sofa came three weeks late.", departmentId = support });
        await Poll.UntilAsync(async () => JsonDocument.Parse(await api.GetStringAsync("/api/v1/follow-ups")).RootElement.GetProperty("items").GetArrayLength() == 1, "the case");

        // The inbox row tells the case apart, and the page fits the phone.
        browser.Open("/app/follow-ups");
        var row = browser.WaitFor(By.CssSelector("[data-testid='cases'] tbody tr"));
        Assert.Equal(customer, row.FindElement(By.CssSelector("[data-testid='row-person']")).Text);
        Assert.Contains("The sofa came three weeks late.", row.FindElement(By.CssSelector("[data-testid='row-comment']")).Text);
        Assert.Equal("Customer care", row.FindElement(By.CssSelector("[data-testid='row-department']")).Text);
        AssertFitsThePhone("the inbox");
        row.FindElement(By.CssSelector("a.case-link")).Click();

        // Reply.
        browser.WaitFor(By.Id("Reply_Body")).SendKeys("Hello Selin, we are sorry. A discount is on its way.");
        AssertFitsThePhone("the case page");
        browser.Browser.FindElement(By.CssSelector("[data-testid='send-reply']")).Click();
        Assert.Equal($"Reply sent to {customer}.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);
        Assert.Equal("Contacted", browser.Browser.FindElement(By.CssSelector("[data-testid='status']")).Text);
        var reply = await browser.Smtp.WaitForAsync(m => m.To.Contains(customer) && m.Subject == "About your feedback to Anadolu Mobilya", "the reply");
        Assert.Contains("A discount is on its way.", reply.TextBody);
        Assert.Contains(headEmail, reply.Headers["Reply-To"]);

        // Move, after the confirmation.
        browser.Browser.FindElement(By.CssSelector($"#Move_DepartmentId option[value='{delivery}']")).Click();
        browser.Browser.FindElement(By.Id("Move_Reason")).SendKeys("The delay was the carrier's.");
        browser.Browser.FindElement(By.CssSelector("[data-testid='move']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='confirm-move-button']")).Click();
        Assert.Equal("Moved to Delivery; it stays with Ece Kaya.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);
        Assert.Equal("Delivery", browser.Browser.FindElement(By.CssSelector("[data-testid='department']")).Text);
        Assert.Contains("From Customer care to Delivery", browser.Browser.FindElement(By.CssSelector("[data-testid='history']")).Text);

        // Resolve.
        browser.Browser.FindElement(By.Id("Outcome")).SendKeys("Discount given.");
        browser.Browser.FindElement(By.CssSelector("[data-testid='status-form'] button[data-action='resolved']")).Click();
        Assert.Equal("The case is now: Resolved.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);
        Assert.Equal("Resolved", browser.Browser.FindElement(By.CssSelector("[data-testid='status']")).Text);
        var cases = JsonDocument.Parse(await api.GetStringAsync("/api/v1/follow-ups?status=resolved")).RootElement.GetProperty("items");
        Assert.Equal(delivery, cases.EnumerateArray().Single().GetProperty("departmentId").GetGuid());
    }

    private string SignUp(string company, string email)
    {
        browser.Open("/signup");
        browser.WaitFor(By.Id("Form_CompanyName")).SendKeys(company);
        browser.Browser.FindElement(By.Id("Form_Name")).SendKeys("Owner");
        browser.Browser.FindElement(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys("a long and memorable passphrase");
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        return browser.WaitFor(By.CssSelector("[data-testid='api-key']")).Text.Trim();
    }

    private void AssertFitsThePhone(string where)
    {
        var scroll = Convert.ToInt64(((IJavaScriptExecutor)browser.Browser).ExecuteScript("return document.documentElement.scrollWidth;"));
        var widest = ((IJavaScriptExecutor)browser.Browser).ExecuteScript(
            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392).sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right).slice(0, 6).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ');");
        Assert.True(scroll <= 390, $"{where} scrolls sideways: {scroll}px of content at 390 px: {widest}");
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();
}
