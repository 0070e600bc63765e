using System.Drawing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The web widget embedded in a shop's page served from another origin, under the shop's strict CSP
/// (<c>script-src 'self' npscloud; style-src 'self'</c>): a visitor on a phone answers score and comment
/// through it and the answer is stored; on a site the widget does not allow it shows nothing and nothing
/// can be recorded.
/// </summary>
public sealed class WidgetTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly ShopSite _shop = new(browser.BaseAddress);

    public void Dispose() => _shop.Dispose();

    private async Task<(HttpClient Api, string Widget)> WidgetAsync(string company, string origin)
    {
        var api = browser.Api(browser.SignUp(company));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Web site", kind = "transactional", locale = "en" });
        Assert.True((await api.PostAsync($"/api/v1/surveys/{survey}/activate", null)).IsSuccessStatusCode);
        var created = await api.PostAsJsonAsync($"/api/v1/surveys/{survey}/widgets", new { allowedOrigins = new[] { origin }, delaySeconds = 0 });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, text);
        return (api, JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!);
    }

    private static async Task<List<JsonElement>> ResponsesAsync(HttpClient api)
    {
        var page = JsonDocument.Parse(await api.GetStringAsync("/api/v1/responses")).RootElement;
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_visitor_on_a_phone_answers_score_and_comment_through_the_widget_on_another_origin()
    {
        var (api, widget) = await WidgetAsync("Kadıköy Mobilya", _shop.Origin);
        using var _ = api;
        browser.Browser.Manage().Window.Size = new Size(390, 844);

        browser.Browser.Navigate().GoToUrl($"{_shop.Origin}/shop/{widget}");

        var dialog = browser.WaitFor(By.CssSelector("[data-npscloud='dialog']"));
        Assert.Equal("dialog", dialog.GetAttribute("role"));
        Assert.Contains("recommend", browser.Browser.FindElement(By.Id("npscloud-question")).Text);
        var js = (IJavaScriptExecutor)browser.Browser;
        Assert.True((bool)js.ExecuteScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;")!, "The page scrolls sideways at 390 px.");
        var three = browser.Browser.FindElement(By.CssSelector("[data-npscloud-score='3']"));
        Assert.True(three.Size.Height >= 44 && three.Size.Width >= 44, $"The score button is {three.Size}.");
        Assert.True(dialog.Location.X >= 0 && dialog.Location.X + dialog.Size.Width <= 390, $"The dialog is at {dialog.Location} sized {dialog.Size}.");

        three.Click();
        var comment = browser.WaitFor(By.CssSelector("[data-npscloud='comment']"));
        Assert.Equal(comment, browser.Browser.SwitchTo().ActiveElement());
        comment.SendKeys("The sofa came late.");
        browser.Browser.FindElement(By.CssSelector("[data-npscloud='submit']")).Click();
        browser.WaitFor(By.CssSelector("[data-npscloud='thanks']"));

        var recorded = Assert.Single(await ResponsesAsync(api));
        Assert.Equal("widget", recorded.GetProperty("channel").GetString());
        Assert.Equal(3, recorded.GetProperty("score").GetInt32());
        Assert.Equal("The sofa came late.", recorded.GetProperty("comment").GetString());
        Assert.Equal("gold", recorded.GetProperty("properties").GetProperty("plan").GetString());
        Assert.Equal("visitor@example.test", recorded.GetProperty("contact").GetProperty("email").GetString());
        // Nothing the widget did broke the shop's policy.
        Assert.Equal(0L, (long)js.ExecuteScript("return (window.cspViolations || []).length;")!);
        // Answered: the next page view does not ask again (snoozed in the shop's localStorage).
        browser.Browser.Navigate().GoToUrl($"{_shop.Origin}/shop/{widget}");
        browser.WaitUntil(_ => (bool)js.ExecuteScript("return typeof window.npsCloud === 'function' && !window.npsCloud.q;")!, "the widget script");
        Assert.Empty(browser.Browser.FindElements(By.CssSelector("[data-npscloud='dialog']")));
    }

    [Fact]
    public async Task Escape_closes_the_widget_as_a_dismissal_and_it_stays_away()
    {
        var (api, widget) = await WidgetAsync("Escape Mobilya", _shop.Origin);
        using var _ = api;
        browser.Browser.Navigate().GoToUrl($"{_shop.Origin}/shop/{widget}");
        browser.WaitFor(By.CssSelector("[data-npscloud='dialog']"));

        browser.Browser.SwitchTo().ActiveElement().SendKeys(Keys.Escape);

        browser.WaitUntil(driver => driver.FindElements(By.CssSelector("[data-npscloud='dialog']")).Count == 0, "the widget to close");
        var js = (IJavaScriptExecutor)browser.Browser;
        Assert.NotNull(js.ExecuteScript($"return localStorage.getItem('npscloud:{widget}');"));
        Assert.Empty(await ResponsesAsync(api));
    }

    [Fact]
    public async Task On_a_site_the_widget_does_not_allow_it_shows_nothing_and_nothing_can_be_recorded()
    {
        var (api, widget) = await WidgetAsync("Başka Mobilya", "https://shop.example");
        using var _ = api;
        browser.Browser.Navigate().GoToUrl($"{_shop.Origin}/shop/{widget}");
        var js = (IJavaScriptExecutor)browser.Browser;
        browser.WaitUntil(_ => (bool)js.ExecuteScript("return typeof window.npsCloud === 'function' && !window.npsCloud.q;")!, "the widget script");

        // The page itself tries to send an answer: the browser refuses to read it, the host refuses to record it.
        var outcome = (string)js.ExecuteAsyncScript(
            "var done = arguments[arguments.length - 1];" +
            $"fetch('{browser.BaseAddress}w/{widget}/answers', {{ method: 'POST', headers: {{ 'Content-Type': 'application/json' }}, body: JSON.stringify({{ score: 1 }}) }})" +
            ".then(function (r) { done('read ' + r.status); }, function () { done('refused'); });")!;

        Assert.Equal("refused", outcome);
        Assert.Empty(browser.Browser.FindElements(By.CssSelector("[data-npscloud='dialog']")));
        Assert.Empty(await ResponsesAsync(api));
    }

    [Fact]
    public async Task A_manager_creates_a_widget_on_the_survey_page_and_gets_the_snippet_to_copy()
    {
        var api = browser.Api(browser.SignUp("Sayfa Mobilya"));
        using var _ = api;
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Web site", kind = "transactional", locale = "en" });
        browser.Browser.Manage().Window.Size = new Size(390, 844);
        browser.Open($"/app/surveys/{survey}/widget");

        var form = browser.WaitFor(By.CssSelector("[data-testid='widget-form']"));
        form.FindElement(By.Id("Form_AllowedOrigins")).SendKeys("https://shop.example/path");
        form.FindElement(By.CssSelector("[data-testid='save-widget']")).Click();
        browser.WaitUntil(driver => driver.FindElements(By.CssSelector(".field-error li")).Any(e => e.Text.Contains("origin")), "the origin's error");
        Assert.Empty(browser.Browser.FindElements(By.CssSelector("[data-testid='widget-snippet']")));

        var origins = browser.Browser.FindElement(By.Id("Form_AllowedOrigins"));
        origins.Clear();
        origins.SendKeys("https://shop.example");
        browser.Browser.FindElement(By.CssSelector("[data-testid='save-widget']")).Click();

        browser.WaitFor(By.CssSelector("[data-testid='flash']"));
        var snippet = browser.WaitFor(By.CssSelector("[data-testid='widget-snippet']")).Text;
        Assert.Matches(@"<script src=""http://127\.0\.0\.1:\d+/w/wgt_[A-Za-z0-9]{20}\.js"" async></script>", snippet);
        browser.Browser.FindElement(By.CssSelector("[data-testid='copy-snippet']")).Click();
        var js = (IJavaScriptExecutor)browser.Browser;
        Assert.True((bool)js.ExecuteScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;")!, "The page scrolls sideways at 390 px.");
        var widgets = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/surveys/{survey}/widgets")).RootElement.GetProperty("items");
        Assert.Equal("https://shop.example", Assert.Single(widgets.EnumerateArray()).GetProperty("allowedOrigins")[0].GetString());
    }

    /// <summary>The shop's own site on another port of 127.0.0.1: one page with the snippet, its own script, and a strict CSP.</summary>
    private sealed class ShopSite : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _npsOrigin;

        public string Origin { get; }

        public ShopSite(Uri npsCloud)
        {
            _npsOrigin = npsCloud.GetLeftPart(UriPartial.Authority);
            var port = Network.FreePort();
            Origin = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Origin + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                var (type, body) = path == "/app.js"
                    ? ("text/javascript", """
                        window.cspViolations = [];
                        document.addEventListener('securitypolicyviolation', function (e) { window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });
                        window.npsCloud = window.npsCloud || function () { (npsCloud.q = npsCloud.q || []).push(arguments); };
                        npsCloud('identify', { email: 'visitor@example.test', name: 'Visitor', properties: { plan: 'gold' } });
                        """)
                    : ("text/html", $"""
                        <!doctype html>
                        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                        <title>Shop</title><script src="/app.js"></script>
                        <script src="{_npsOrigin}/w/{path.Split('/').Last()}.js" async></script></head>
                        <body><h1>Sofas</h1><p>Our shop.</p></body></html>
                        """);
                context.Response.ContentType = type + "; charset=utf-8";
                context.Response.Headers["Content-Security-Policy"] =
                    $"default-src 'self'; script-src 'self' {_npsOrigin}; style-src 'self'; connect-src 'self' {_npsOrigin}; img-src 'self'";
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
