using NpsCloud.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The real host on a real port (Kestrel) and a real headless Chromium (Debian's chromium and
/// chromium-driver, which ./nps test installs) driving it.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private NpsAppFactory? _app;
    private readonly string _profile = Directory.CreateTempSubdirectory("nps-chromium-").FullName;

    public Uri BaseAddress { get; protected set; } = null!;

    public IWebDriver Browser { get; private set; } = null!;

    /// <summary>The language the browser asks for (its Accept-Language).</summary>
    protected virtual string BrowserLanguage => "en-US,en";

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var port = Network.FreePort();
        // Links in emails point at this host, as they would at a real deployment's public address.
        _app = Configure(new NpsAppFactory(_database).WithSetting("PublicUrl", $"http://127.0.0.1:{port}/"));
        _app.UseKestrel(port);
        _app.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Browser = StartChromium();
    }

    /// <summary>Per-class settings and services for the host.</summary>
    protected virtual NpsAppFactory Configure(NpsAppFactory app) => app;

    private IWebDriver StartChromium()
    {
        foreach (var required in new[] { "/usr/bin/chromium", "/usr/bin/chromedriver" })
        {
            if (!File.Exists(required))
            {
                throw new InvalidOperationException($"{required} is missing: install chromium and chromium-driver (./nps test does).");
            }
        }

        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--window-size=1280,900",
            $"--user-data-dir={_profile}", $"--lang={BrowserLanguage.Split(',')[0]}");
        options.AddUserProfilePreference("intl.accept_languages", BrowserLanguage);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public void Open(string path) => Browser.Navigate().GoToUrl(new Uri(BaseAddress, path));

    /// <summary>Signs a new company up on the sign-up page (the browser stays signed in as its owner); answers its API key.</summary>
    public string SignUp(string company)
    {
        Open("/signup");
        WaitFor(By.Id("Form_CompanyName")).SendKeys(company);
        Browser.FindElement(By.Id("Form_Name")).SendKeys("Owner");
        Browser.FindElement(By.Id("Form_Email")).SendKeys($"owner-{Guid.NewGuid():N}@example.test");
        Browser.FindElement(By.Id("Form_Password")).SendKeys("a long and memorable passphrase");
        Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        return WaitFor(By.CssSelector("[data-testid='api-key']")).Text.Trim();
    }

    /// <summary>Creates something through the API and answers its id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient api, string url, object body)
    {
        var answer = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, url, body);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A client of this host's API with the given key.</summary>
    public HttpClient Api(string apiKey)
    {
        var api = new HttpClient { BaseAddress = BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return api;
    }

    public IWebElement WaitFor(By by) => NewWait().Until(driver => DuringNavigation(() => driver.FindElements(by).FirstOrDefault(e => e.Displayed)));

    public void WaitUntil(Func<IWebDriver, bool> condition, string what)
    {
        try
        {
            NewWait().Until(driver => DuringNavigation(() => condition(driver)));
        }
        catch (WebDriverTimeoutException e)
        {
            throw new TimeoutException($"Timed out waiting for {what} on {Browser.Url}.", e);
        }
    }

    /// <summary>
    /// Chromium answers an element of a page that a navigation has just replaced with "Node with given id does
    /// not belong to the document" (an unknown error, not a stale element): the wait tries again.
    /// </summary>
    private static T? DuringNavigation<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (WebDriverException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            return default;
        }
    }

    /// <summary>
    /// A wait that retries when an element goes stale: a form post navigates, and an element found on the old
    /// page can vanish between finding it and reading it.
    /// </summary>
    private WebDriverWait NewWait()
    {
        var wait = new WebDriverWait(Browser, TimeSpan.FromSeconds(15));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait;
    }

    public virtual async Task DisposeAsync()
    {
        Browser?.Quit();
        if (_app is not null) await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}
