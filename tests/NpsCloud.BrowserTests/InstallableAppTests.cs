using System.Text.Json;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

public sealed class InstallableAppTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_page_links_the_manifest_and_its_icons_are_served()
    {
        browser.Open("/");
        var manifestLink = browser.Browser.FindElement(By.CssSelector("link[rel='manifest']")).GetAttribute("href");
        Assert.Equal(new Uri(browser.BaseAddress, "/manifest.webmanifest").ToString(), manifestLink);
        Assert.Equal("#4f46e5", browser.Browser.FindElement(By.CssSelector("meta[name='theme-color']")).GetAttribute("content"));
        var appleIcon = browser.Browser.FindElement(By.CssSelector("link[rel='apple-touch-icon']")).GetAttribute("href")!;

        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        var manifest = await http.GetAsync("/manifest.webmanifest");
        Assert.True(manifest.IsSuccessStatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal("standalone", json.RootElement.GetProperty("display").GetString());
        Assert.Equal("/app", json.RootElement.GetProperty("start_url").GetString());
        var icons = json.RootElement.GetProperty("icons").EnumerateArray()
            .Select(icon => (Src: icon.GetProperty("src").GetString()!, Sizes: icon.GetProperty("sizes").GetString(), Purpose: icon.GetProperty("purpose").GetString()))
            .ToList();
        Assert.Contains(icons, icon => icon is { Sizes: "192x192", Purpose: "any" });
        Assert.Contains(icons, icon => icon is { Sizes: "512x512", Purpose: "any" });
        Assert.Contains(icons, icon => icon is { Sizes: "512x512", Purpose: "maskable" });

        foreach (var src in icons.Select(icon => icon.Src).Append(new Uri(appleIcon).AbsolutePath))
        {
            var icon = await http.GetAsync(src);
            Assert.True(icon.IsSuccessStatusCode, src);
            Assert.StartsWith("image/", icon.Content.Headers.ContentType?.MediaType);
        }

        // A PNG says its size in its header: the 180 px apple-touch-icon is what iOS asks for.
        var png = await http.GetByteArrayAsync("/icons/apple-touch-icon.png");
        Assert.Equal((180, 180), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }
}

/// <summary>Its own class: it cuts the network of its fixture.</summary>
public sealed class OfflinePageTests(OfflinePageTests.BrowserBehindACuttableNetwork browser) : IClassFixture<OfflinePageTests.BrowserBehindACuttableNetwork>
{
    [Fact]
    public void The_service_worker_registers_and_a_page_without_a_network_shows_the_offline_page()
    {
        browser.Open("/");
        var scope = WaitForServiceWorker();
        Assert.Equal(browser.BaseAddress.ToString(), scope);
        // The worker controls the page once it has claimed it (a reload is the plain way to be sure).
        browser.Browser.Navigate().Refresh();
        browser.WaitUntil(d => ((IJavaScriptExecutor)d).ExecuteScript("return navigator.serviceWorker.controller !== null;") is true, "the service worker to control the page");

        browser.Network.Cut();
        browser.Open("/app/follow-ups");
        var offline = browser.WaitFor(By.CssSelector("[data-testid='offline-page']"));
        Assert.Contains("You are offline", offline.Text);
        // The shell came from the cache: the offline page is styled.
        Assert.Equal("rgba(79, 70, 229, 1)", offline.FindElement(By.CssSelector(".button")).GetCssValue("background-color"));
    }

    private string WaitForServiceWorker()
    {
        var js = (IJavaScriptExecutor)browser.Browser;
        browser.Browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(15);
        // navigator.serviceWorker.ready resolves once a worker is active; the async script fails at the deadline.
        return (string?)js.ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; navigator.serviceWorker.ready.then(r => done(r.scope), e => done('failed: ' + e));") ?? "";
    }

    /// <summary>The browser reaches the host through a relay the test can cut. Each test class has its own fixture, so cutting it spoils nothing else.</summary>
    public sealed class BrowserBehindACuttableNetwork : BrowserFixture
    {
        public CuttableNetwork Network { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Network = new CuttableNetwork(BaseAddress.Port);
            BaseAddress = new Uri($"http://127.0.0.1:{Network.Port}/");
        }

        public override async Task DisposeAsync()
        {
            await Network.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
