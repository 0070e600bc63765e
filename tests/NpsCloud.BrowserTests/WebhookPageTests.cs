using System.Net;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The webhooks pages in the browser: an owner adds an endpoint, sees its secret once, watches an
/// answer's event arrive at a real receiver in the delivery log, and sends a test event.
/// </summary>
public sealed class WebhookPageTests(WebhookPageTests.Fixture browser) : IClassFixture<WebhookPageTests.Fixture>
{
    [Fact]
    public async Task An_owner_adds_a_webhook_sees_the_secret_once_the_delivery_of_an_answer_in_the_log_and_a_test_event()
    {
        using var receiver = new HttpListener();
        var port = Network.FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/hooks/");
        receiver.Start();
        var received = new List<string?>();
        _ = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                var context = await receiver.GetContextAsync();
                lock (received) received.Add(context.Request.Headers["webhook-id"]);
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        });

        using var api = browser.Api(browser.SignUp("Ege Lojistik"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Teslimat sonrası", kind = "transactional", locale = "tr" });

        browser.Open("/app/webhooks");
        browser.WaitFor(By.Name("Form.Url")).SendKeys($"http://127.0.0.1:{port}/hooks/npscloud");
        browser.Browser.FindElement(By.Name("Form.Description")).SendKeys("CRM");
        foreach (var box in browser.Browser.FindElements(By.CssSelector("input[name='Form.Events']")))
        {
            if (box.Selected != (box.GetAttribute("value") == "response.created")) box.Click();
        }

        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        var secret = browser.WaitFor(By.CssSelector("[data-testid='new-secret']")).Text.Trim();
        Assert.StartsWith("whsec_", secret);

        // The secret is shown once: the list and the endpoint's own page do not show it again.
        browser.Open("/app/webhooks");
        Assert.DoesNotContain(secret, browser.Browser.PageSource);
        browser.WaitFor(By.PartialLinkText($"127.0.0.1:{port}")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='webhook-url']"));
        Assert.DoesNotContain(secret, browser.Browser.PageSource);

        await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = "ayse@example.test", score = 9 });

        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElements(By.CssSelector("[data-testid='deliveries'] tr[data-status='succeeded']")).Count == 1;
        }, "the delivery to succeed");
        var row = browser.Browser.FindElement(By.CssSelector("[data-testid='deliveries'] tr[data-status='succeeded']"));
        Assert.Contains("response.created", row.Text);
        lock (received) Assert.Contains(received, id => row.Text.Contains(id!));

        // A test event, asked for with the button, arrives too.
        browser.WaitFor(By.CssSelector("[data-testid='send-test']")).Click();
        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElements(By.CssSelector("[data-testid='deliveries'] tr[data-status='succeeded']")).Any(r => r.Text.Contains("webhook.test"));
        }, "the test event to be delivered");
        lock (received) Assert.Equal(2, received.Count);
        receiver.Stop();
    }

    /// <summary>The host may send to the receiver on this machine's loopback address.</summary>
    public sealed class Fixture : BrowserFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSetting("Webhooks:AllowPrivate", "true");
    }
}
