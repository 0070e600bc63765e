using System.Drawing;
using System.Net;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The Slack and Teams page in a phone-sized browser: an owner adds a Teams channel, sends it a test
/// message that reaches a real receiver, sees it delivered, and deletes the channel after confirming.
/// </summary>
public sealed class ChatChannelsPageTests(ChatChannelsPageTests.Fixture browser) : IClassFixture<ChatChannelsPageTests.Fixture>
{
    [Fact]
    public void An_owner_on_a_phone_adds_a_teams_channel_tests_it_and_deletes_it_after_confirming()
    {
        using var receiver = new HttpListener();
        var port = Network.FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/teams/");
        receiver.Start();
        var received = new List<string>();
        _ = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                var context = await receiver.GetContextAsync();
                using (var reader = new StreamReader(context.Request.InputStream)) lock (received) received.Add(reader.ReadToEnd());
                context.Response.StatusCode = 202;
                context.Response.Close();
            }
        });
        browser.Browser.Manage().Window.Size = new Size(390, 844);
        browser.SignUp("Ege Lojistik");

        browser.Open("/app/chat-channels");
        browser.WaitFor(By.CssSelector("[data-testid='no-channels']"));
        AssertNoSidewaysScroll("the empty page");
        browser.Browser.FindElement(By.CssSelector("[data-testid='kind'] option[value='teams']")).Click();
        browser.Browser.FindElement(By.CssSelector("[data-testid='url']")).SendKeys($"http://127.0.0.1:{port}/teams/hook-W9xQ");
        browser.Browser.FindElement(By.CssSelector("[data-testid='language'] option[value='en']")).Click();
        browser.Browser.FindElement(By.CssSelector("[data-testid='add']")).Click();

        Assert.Contains("Microsoft Teams channel added: 127.0.0.1…W9xQ.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);
        var channel = browser.WaitFor(By.CssSelector("[data-testid='channel']"));
        Assert.DoesNotContain($"127.0.0.1:{port}/teams", browser.Browser.PageSource);
        AssertNoSidewaysScroll("the page with a channel");
        foreach (var button in channel.FindElements(By.CssSelector("button, a.button")))
        {
            Assert.True(button.Size.Height >= 44, $"'{button.Text}' is {button.Size.Height}px tall, under the 44px tap target");
        }

        channel.FindElement(By.CssSelector("[data-testid='send-test']")).Click();
        Assert.Contains("Test message queued.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);
        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElement(By.CssSelector("[data-testid='last-post']")).Text.Contains("delivered");
        }, "the test message to be delivered");
        lock (received) Assert.Contains("NpsCloud is connected to this channel", Assert.Single(received));

        browser.Browser.FindElement(By.CssSelector("[data-testid='delete']")).Click();
        Assert.Contains("127.0.0.1…W9xQ", browser.WaitFor(By.CssSelector("[data-testid='confirm']")).Text);
        Assert.NotEmpty(browser.Browser.FindElements(By.CssSelector("[data-testid='channel']")));
        browser.Browser.FindElement(By.CssSelector("[data-testid='confirm-button']")).Click();
        Assert.Contains("Channel deleted.", browser.WaitFor(By.CssSelector("[data-testid='flash']")).Text);
        browser.WaitFor(By.CssSelector("[data-testid='no-channels']"));
        receiver.Stop();
    }

    private void AssertNoSidewaysScroll(string where)
    {
        var script = (IJavaScriptExecutor)browser.Browser;
        var scroll = Convert.ToInt64(script.ExecuteScript("return document.documentElement.scrollWidth;"));
        var client = Convert.ToInt64(script.ExecuteScript("return document.documentElement.clientWidth;"));
        Assert.True(scroll <= client, $"{where} scrolls sideways: {scroll}px of content in {client}px.");
    }

    /// <summary>The host may post to the receiver on this machine's loopback address.</summary>
    public sealed class Fixture : BrowserFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSetting("Webhooks:AllowPrivate", "true");
    }
}
