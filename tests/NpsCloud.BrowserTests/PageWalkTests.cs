using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NpsCloud.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using Xunit.Abstractions;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The page walk: every signed-in page as the demo company's owner, department head and viewer, and the public
/// pages as a visitor, in Turkish and English, on a 390x844 phone and a 1366x900 desktop. It collects what a
/// person would trip over (a page wider than the screen, text under 12px, a tap target under 44x44px, a
/// generic title, a field without a label, text in the other language or a raw resource key) and fails once
/// with the whole list. Every page is also saved as a screenshot (docs/operations.md says where).
/// </summary>
public sealed partial class PageWalkTests(PageWalkTests.DemoCompany browser, ITestOutputHelper output) : IClassFixture<PageWalkTests.DemoCompany>
{
    private const string OwnerEmail = "demo@npscloud.example";
    private const string HeadEmail = "destek@npscloud.example";
    private const string ViewerEmail = "izleyici@npscloud.example";
    private const string Password = "demo-parola-2026";

    private static readonly (string Name, int Width, int Height)[] Sizes = [("390x844", 390, 844), ("1366x900", 1366, 900)];

    private static readonly string[] Languages = ["tr", "en"];

    /// <summary>
    /// The demo company's own data, in Turkish on every page: the names of its departments and surveys are
    /// what the company typed, not texts of the product, even when one equals a Turkish resource text.
    /// </summary>
    private static readonly HashSet<string> CompanyData =
    [
        "Müşteri Hizmetleri", "Teslimat", "Faturalama", "Teslimat sonrası", "Çeyreklik müşteri memnuniyeti",
        "Kayıtta oluşturuldu", // the first API key's name, given in the company's language when it signed up
    ];

    [Fact]
    public async Task Every_page_fits_a_phone_and_a_desktop_in_both_languages_for_every_role()
    {
        var clock = Stopwatch.StartNew();
        var texts = ResourceTexts.Load();
        var failures = new List<string>();
        var notes = new List<string>();
        var screenshots = ScreenshotFolder();
        var walked = 0;
        HideScrollbars();

        var answerPath = await AnswerLinkAsync(notes);
        foreach (var (role, email) in new[] { ("owner", OwnerEmail), ("head", HeadEmail), ("viewer", ViewerEmail), ("visitor", (string?)null) })
        {
            browser.Browser.Manage().Cookies.DeleteAllCookies();
            if (email is not null) LogIn(email);
            foreach (var language in Languages)
            {
                ChooseLanguage(language);
                var seen = new List<string>();
                foreach (var page in email is null ? PublicPages(answerPath) : AppPages())
                {
                    var path = page.Resolve(seen);
                    if (path is null)
                    {
                        var missing = $"{page.Name} ({role}, {language}): no link to it was found on the pages before";
                        (role == "owner" && page.Required ? failures : notes).Add(missing);
                        continue;
                    }

                    browser.Open(path);
                    walked++;
                    // Alternate the sizes so that each page needs one resize, not two.
                    var sizes = walked % 2 == 0 ? Sizes : Enumerable.Reverse(Sizes).ToArray();
                    foreach (var size in sizes)
                    {
                        Resize(size.Width, size.Height);
                        var where = $"{page.Name} [{path}] · {role} · {language} · {size.Name}";
                        var found = Inspect(size.Width);
                        if (size == sizes[0]) seen.AddRange(found.Links);
                        failures.AddRange(Judge(found, page, role, language, texts).Select(problem => $"{where}: {problem}"));
                        Screenshot(Path.Combine(screenshots, $"{role}-{language}-{size.Name}-{Slug(page.Name)}.png"));
                    }
                }
            }
        }

        clock.Stop();
        output.WriteLine($"Walked {walked} page loads ({walked * Sizes.Length} checks) in {clock.Elapsed.TotalSeconds:F0} s; screenshots in {screenshots}");
        foreach (var note in notes) output.WriteLine("Note: " + note);
        var report = string.Join(Environment.NewLine, failures.Distinct());
        await File.WriteAllTextAsync(Path.Combine(screenshots, "failures.txt"), report);
        Assert.True(failures.Count == 0, $"{failures.Distinct().Count()} problems on the page walk:{Environment.NewLine}{report}");
    }

    [Fact]
    public void Each_role_lands_on_the_page_it_needs_after_signing_in()
    {
        HideScrollbars();
        Resize(390, 844);

        browser.Browser.Manage().Cookies.DeleteAllCookies();
        LogIn(HeadEmail);
        browser.WaitUntil(d => Regex.IsMatch(new Uri(d.Url).AbsolutePath, "^/departments/[0-9a-f-]{36}$"), "the department head's department page");
        Assert.Contains("Müşteri Hizmetleri", browser.WaitFor(By.CssSelector("main h1")).Text);

        browser.Browser.Manage().Cookies.DeleteAllCookies();
        LogIn(ViewerEmail);
        browser.WaitUntil(d => new Uri(d.Url).AbsolutePath == "/dashboard", "the viewer's dashboard");

        // The demo company has not finished its first-run setup: the owner starts on the checklist.
        browser.Browser.Manage().Cookies.DeleteAllCookies();
        LogIn(OwnerEmail);
        browser.WaitUntil(d => new Uri(d.Url).AbsolutePath == "/app", "the owner's setup checklist");
        Assert.True(browser.WaitFor(By.CssSelector("[data-testid='checklist']")).Displayed);
    }

    [Fact]
    public void On_a_phone_the_navigation_is_behind_a_menu_button_and_on_a_desktop_in_one_row_with_a_settings_menu()
    {
        HideScrollbars();
        browser.Browser.Manage().Cookies.DeleteAllCookies();
        LogIn(OwnerEmail);
        ChooseLanguage("en");

        Resize(390, 844);
        browser.Open("/dashboard");
        var toggle = browser.WaitFor(By.CssSelector("[data-menu-toggle]"));
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.False(browser.Browser.FindElement(By.CssSelector("nav.app-nav")).Displayed);
        toggle.SendKeys(Keys.Enter); // a keyboard opens it as a tap does
        browser.WaitUntil(d => d.FindElement(By.CssSelector("nav.app-nav")).Displayed, "the menu to open");
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));
        Assert.Equal(["Dashboard", "Departments & goals", "Follow-ups", "Responses", "Surveys", "Contacts"],
            browser.Browser.FindElements(By.CssSelector("nav.app-nav > a")).Select(a => a.Text));

        // From 1280px (a small laptop) the row holds every part, each where a click lands on it, in both languages.
        foreach (var language in Languages)
        {
            ChooseLanguage(language);
            Resize(1280, 800);
            browser.Open("/dashboard");
            var covered = (string?)((IJavaScriptExecutor)browser.Browser).ExecuteScript("""
                return [...document.querySelectorAll('.topbar a, .topbar button, .topbar summary')].filter(el => el.getBoundingClientRect().width > 0 && !el.closest('details:not([open]) .nav-group-items'))
                  .filter(el => { const r = el.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !el.contains(hit); })
                  .map(el => el.textContent.trim()).join(', ');
                """);
            Assert.True(string.IsNullOrEmpty(covered), $"covered in the top bar at 1280px ({language}): {covered}");
        }

        ChooseLanguage("en");
        Resize(1366, 900);
        browser.Open("/dashboard");
        Assert.False(browser.Browser.FindElement(By.CssSelector("[data-menu-toggle]")).Displayed);
        var links = browser.Browser.FindElements(By.CssSelector("nav.app-nav > a, nav.app-nav > details > summary"));
        Assert.Single(links.Select(l => l.Location.Y).Distinct()); // one row
        Assert.Equal("page", browser.Browser.FindElement(By.CssSelector("nav.app-nav a[href='/dashboard']")).GetAttribute("aria-current"));
        var settings = browser.Browser.FindElement(By.CssSelector("nav.app-nav details summary"));
        Assert.Equal("Settings", settings.Text);
        Assert.False(browser.Browser.FindElement(By.CssSelector("nav.app-nav details a[href='/app/users']")).Displayed);
        settings.Click();
        browser.WaitFor(By.CssSelector("nav.app-nav details a[href='/app/users']")).Click();
        browser.WaitUntil(d => new Uri(d.Url).AbsolutePath == "/app/users", "the users page");
    }

    private sealed record WalkPage(string Name, string? Path = null, string? LinkPattern = null, Func<string, string>? FromLink = null, bool Required = true)
    {
        public string? Resolve(List<string> seen)
        {
            if (Path is not null) return Path;
            var link = seen.FirstOrDefault(href => Regex.IsMatch(href, LinkPattern!));
            return link is null ? null : FromLink is null ? link : FromLink(link);
        }
    }

    private const string Guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /// <summary>In order: a list page before the pages found through its links.</summary>
    private static IEnumerable<WalkPage> AppPages() =>
    [
        new("company overview", "/app"),
        new("dashboard", "/dashboard"),
        new("departments and goals", "/departments"),
        new("department", LinkPattern: $"^/departments/{Guid}$"),
        new("follow-ups", "/app/follow-ups"),
        new("follow-up case", LinkPattern: $"^/app/follow-ups/{Guid}$"),
        new("responses", "/app/responses"),
        new("response", LinkPattern: $"^/app/responses/{Guid}$"),
        new("response import", "/app/responses/import"),
        new("surveys", "/app/surveys"),
        new("survey", LinkPattern: $"^/app/surveys/{Guid}$"),
        new("survey edit", LinkPattern: $"^/app/surveys/{Guid}$", FromLink: link => "/app/surveys/edit/" + link.Split('/')[^1]),
        new("survey preview", LinkPattern: "^/app/surveys/preview\\?"),
        new("survey audience", LinkPattern: $"^/app/surveys/{Guid}$", FromLink: link => link + "/audience"),
        new("survey share", LinkPattern: $"^/app/surveys/{Guid}$", FromLink: link => link + "/share"),
        new("survey widget", LinkPattern: $"^/app/surveys/{Guid}$", FromLink: link => link + "/widget"),
        new("contacts", "/app/contacts"),
        new("manage departments", "/app/departments"),
        new("users", "/app/users"),
        new("api keys", "/app/api-keys"),
        new("webhooks", "/app/webhooks"),
        new("webhook", LinkPattern: $"^/app/webhooks/{Guid}$", Required: false),
        new("slack and teams", "/app/chat-channels"),
        new("company settings", "/app/settings"),
        new("account", "/app/account"),
        new("two-factor", "/app/account/two-factor"),
    ];

    private static IEnumerable<WalkPage> PublicPages(string? answerPath) =>
    [
        new("home", "/"),
        new("login", "/login"),
        new("signup", "/signup"),
        new("forgot password", "/forgot-password"),
        new("answer", answerPath, LinkPattern: "^$"),
        new("not found", "/no-such-page"),
    ];

    private IEnumerable<string> Judge(Inspection found, WalkPage page, string role, string language, ResourceTexts texts)
    {
        foreach (var problem in found.Problems) yield return problem;

        // Pages reached from an email speak the survey's language; the app's pages the chosen one.
        var publicPage = page.Name is "answer" or "survey preview";
        if (!publicPage && found.Language != language) yield return $"the page is in \"{found.Language}\", not in the chosen language";
        var status = found.ErrorStatus;
        if (status is not null && page.Name != "not found" && !(status == "403" && role is "head" or "viewer"))
        {
            yield return $"shows the error page ({status})";
        }

        var other = found.Language == "tr" ? texts.EnglishOnly : texts.TurkishOnly;
        foreach (var text in found.Texts.Distinct())
        {
            if (CompanyData.Contains(text)) continue;
            if (other.Contains(text)) yield return $"text in the other language: \"{text}\"";
            if (texts.IsKey(text)) yield return $"a raw resource key: \"{text}\"";
        }
    }

    private Inspection Inspect(int width)
    {
        var json = (string)(((IJavaScriptExecutor)browser.Browser).ExecuteScript(InspectScript, width) ?? "{}");
        return JsonSerializer.Deserialize<Inspection>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private sealed record Inspection(List<string> Problems, List<string> Texts, List<string> Links, string Language, string? ErrorStatus);

    /// <summary>
    /// Runs in the page. Tap targets: links inside running text are exempt (WCAG 2.5.8's inline exception: a
    /// link in a sentence is as tall as its line), and a checkbox or radio is exempt when its label, which
    /// takes the tap too, is big enough.
    /// </summary>
    private const string InspectScript = """
        const width = arguments[0];
        const out = { problems: [], texts: [], links: [], language: document.documentElement.lang, errorStatus: null };
        const errorPage = document.querySelector('.error-page');
        if (errorPage) out.errorStatus = errorPage.getAttribute('data-status');
        const visible = el => {
          const s = getComputedStyle(el);
          if (s.visibility === 'hidden' || s.display === 'none' || parseFloat(s.opacity) === 0) return false;
          const r = el.getBoundingClientRect();
          return r.width > 1 && r.height > 1;
        };
        const describe = el => {
          let d = el.tagName.toLowerCase();
          if (el.id) d += '#' + el.id;
          if (el.classList && el.classList.length) d += '.' + [...el.classList].join('.');
          const t = (el.innerText || el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 50);
          return t ? d + ' "' + t + '"' : d;
        };
        const limited = (list, what, max) => {
          list.slice(0, max).forEach(p => out.problems.push(p));
          if (list.length > max) out.problems.push(`${list.length - max} more ${what}`);
        };
        const title = document.title.trim();
        if (!title || title === 'NpsCloud') out.problems.push(`generic title "${title}"`);
        if (document.documentElement.scrollWidth > width) out.problems.push(`horizontal scrolling: the page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);

        // Elements sticking out of the screen sideways (the outermost one only; not inside a scrolling or clipping box).
        const inClippingBox = el => {
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.overflowX !== 'visible' || (s.clipPath && s.clipPath !== 'none')) return true;
          }
          return false;
        };
        const outside = [];
        const reported = new Set();
        for (const el of document.body.querySelectorAll('*')) {
          if (el.matches('.skip-link, script, style') || !visible(el)) continue;
          const r = el.getBoundingClientRect();
          if (r.right <= width + 1 && r.left >= -1) continue;
          if ([...reported].some(o => o.contains(el)) || inClippingBox(el)) continue;
          reported.add(el);
          outside.push(`outside the screen (${Math.round(r.left)}..${Math.round(r.right)}px): ${describe(el)}`);
        }
        limited(outside, 'elements outside the screen', 5);

        // The top bar's parts never cover one another (a row too full squeezes its links under the next part).
        const bar = [...document.querySelectorAll('.topbar a, .topbar button, .topbar summary, .topbar .badge')].filter(visible);
        const overlapping = [];
        for (let i = 0; i < bar.length; i++) for (let j = i + 1; j < bar.length; j++) {
          const a = bar[i], b = bar[j];
          if (a.contains(b) || b.contains(a)) continue;
          const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();
          if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1) overlapping.push(`top bar: ${describe(a)} overlaps ${describe(b)}`);
        }
        limited(overlapping, 'overlaps in the top bar', 3);

        // Visible text: its size (SVG text at the size it is drawn) and its words for the language check.
        const small = [], smallInCharts = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const texts = new Set();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent.trim().replace(/\s+/g, ' ');
          const parent = node.parentElement;
          if (!text || !parent || parent.closest('script, style, noscript, template') || !visible(parent)) continue;
          texts.add(text);
          let size = parseFloat(getComputedStyle(parent).fontSize);
          const svg = parent.closest('svg');
          if (svg && parent.getScreenCTM) { const m = parent.getScreenCTM(); if (m) size *= Math.sqrt(m.b * m.b + m.d * m.d); }
          if (size < 11.95) (svg ? smallInCharts : small).push(`text ${size.toFixed(1)}px${svg ? ' (chart)' : ''}: "${text.slice(0, 50)}"`);
        }
        out.texts = [...texts];
        limited(small, 'texts under 12px', 8);
        limited(smallInCharts, 'chart texts under 12px', 3);

        // Tap targets.
        const runningText = el => [...el.parentElement.childNodes].some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
        const labelTakesTap = el => [...(el.labels || [])].some(l => { const r = l.getBoundingClientRect(); return r.width >= 43.5 && r.height >= 43.5; });
        const targets = [];
        for (const el of document.body.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, label')) {
          if (!visible(el)) continue;
          if (el.tagName === 'LABEL' && !el.querySelector('input[type=checkbox], input[type=radio]')
              && !(el.control && (el.control.type === 'checkbox' || el.control.type === 'radio'))) continue;
          const r = el.getBoundingClientRect();
          if (r.width >= 43.5 && r.height >= 43.5) continue;
          if (el.tagName === 'A' && runningText(el)) continue;
          if ((el.type === 'checkbox' || el.type === 'radio') && labelTakesTap(el)) continue;
          targets.push(`tap target ${Math.round(r.width)}x${Math.round(r.height)}px: ${describe(el)}`);
        }
        limited(targets, 'small tap targets', 8);

        // Fields without a label.
        const unlabelled = [];
        for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea')) {
          if ((el.labels && el.labels.length) || (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')) continue;
          unlabelled.push(`field without a label: ${describe(el)}`);
        }
        limited(unlabelled, 'fields without a label', 5);

        out.links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
          .concat([...document.querySelectorAll('iframe[src]')].filter(f => f.dataset.locale === document.documentElement.lang).map(f => f.getAttribute('src')));
        return JSON.stringify(out);
        """;

    private void LogIn(string email)
    {
        browser.Open("/login");
        browser.WaitFor(By.Id("Form_Email")).SendKeys(email);
        browser.Browser.FindElement(By.Id("Form_Password")).SendKeys(Password);
        browser.Browser.FindElement(By.CssSelector("form.form button[type='submit']")).Click();
        browser.WaitUntil(d => new Uri(d.Url).AbsolutePath != "/login", $"{email} to be signed in");
    }

    private void ChooseLanguage(string language)
    {
        browser.Open("/");
        browser.WaitFor(By.CssSelector($"button[data-culture='{language}']")).Click();
        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == language, $"the pages to turn {language}");
    }

    /// <summary>A test invitation from the owner's first survey: its answer page is the one customers see.</summary>
    private async Task<string?> AnswerLinkAsync(List<string> notes)
    {
        browser.Browser.Manage().Cookies.DeleteAllCookies();
        LogIn(OwnerEmail);
        browser.Open("/app/surveys");
        var survey = browser.Browser.FindElements(By.CssSelector("main a[href^='/app/surveys/']"))
            .Select(a => a.GetAttribute("href") ?? "").FirstOrDefault(href => href.Length > 0 && Regex.IsMatch(new Uri(href).AbsolutePath, $"^/app/surveys/{Guid}$"));
        if (survey is null)
        {
            notes.Add("no survey to send a test invitation from: the answer page was not walked");
            return null;
        }

        browser.Browser.Navigate().GoToUrl(survey);
        browser.WaitFor(By.CssSelector("[data-testid='send-test']")).Click();
        browser.WaitFor(By.CssSelector("[data-testid='flash']"));
        var mail = await browser.Smtp.WaitForAsync(m => m.To.Contains(OwnerEmail) && m.HtmlBody?.Contains("/r/") == true, "the test invitation");
        return new Uri(MailBrowserFixture.ScoreLinks(mail)[0]).AbsolutePath;
    }

    private ChromiumDriver Chromium => (ChromiumDriver)browser.Browser;

    /// <summary>Overlay-free measuring: the viewport is exactly the screen's width, with no scrollbar taking part of it.</summary>
    private void HideScrollbars() => Chromium.ExecuteCdpCommand("Emulation.setScrollbarsHidden", new Dictionary<string, object?> { ["hidden"] = true });

    private void Resize(int width, int height) =>
        Chromium.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        });

    /// <summary>The whole page, not only the screenful (long pages are cut at 8000px).</summary>
    private void Screenshot(string file)
    {
        var metrics = (IReadOnlyDictionary<string, object>)((IJavaScriptExecutor)browser.Browser).ExecuteScript(
            "return { width: document.documentElement.clientWidth, height: Math.min(8000, document.documentElement.scrollHeight) };")!;
        var shot = (Dictionary<string, object>)Chromium.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object?> { ["x"] = 0, ["y"] = 0, ["width"] = metrics["width"], ["height"] = metrics["height"], ["scale"] = 1 },
        })!;
        File.WriteAllBytes(file, Convert.FromBase64String((string)shot["data"]));
    }

    /// <summary>NPS_SCREENSHOTS when set (CI keeps it as an artefact), else screenshots/page-walk next to the test assembly.</summary>
    private static string ScreenshotFolder()
    {
        var folder = Environment.GetEnvironmentVariable("NPS_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.Combine(configured, "page-walk")
            : Path.Combine(AppContext.BaseDirectory, "screenshots", "page-walk");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return Directory.CreateDirectory(folder).FullName;
    }

    private static string Slug(string name) => name.Replace(' ', '-');

    /// <summary>The product's texts from every resource file, for telling the two languages apart.</summary>
    private sealed partial class ResourceTexts
    {
        public HashSet<string> EnglishOnly { get; } = new(StringComparer.Ordinal);
        public HashSet<string> TurkishOnly { get; } = new(StringComparer.Ordinal);
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);

        /// <summary>
        /// A dotted key itself (a missing text shows its key), or a key-like text under a prefix keys use. (A key
        /// without a dot, such as Cancel, is also its English text; on a Turkish page the language check finds it.)
        /// </summary>
        public bool IsKey(string text) =>
            KeyLike().IsMatch(text) && (_keys.Contains(text) || _prefixes.Contains(text[..text.IndexOf('.')]));

        public static ResourceTexts Load()
        {
            var texts = new ResourceTexts();
            var english = new List<string>();
            var turkish = new List<string>();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.resx", SearchOption.AllDirectories)
                         .Where(f => !f.EndsWith(".tr.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            {
                var tr = file[..^".resx".Length] + ".tr.resx";
                var en = Entries(file);
                var trEntries = File.Exists(tr) ? Entries(tr) : [];
                foreach (var (key, value) in en)
                {
                    texts._keys.Add(key);
                    if (key.Contains('.')) texts._prefixes.Add(key[..key.IndexOf('.')]);
                    if (trEntries.TryGetValue(key, out var turkishValue) && turkishValue != value)
                    {
                        english.Add(value);
                        turkish.Add(turkishValue);
                    }
                }
            }

            // A text both languages use for something (API, URL, Slack) belongs to neither.
            var allEnglish = english.ToHashSet(StringComparer.Ordinal);
            var allTurkish = turkish.ToHashSet(StringComparer.Ordinal);
            foreach (var value in english.Where(v => Usable(v) && !allTurkish.Contains(v))) texts.EnglishOnly.Add(value);
            foreach (var value in turkish.Where(v => Usable(v) && !allEnglish.Contains(v))) texts.TurkishOnly.Add(value);
            return texts;
        }

        private static bool Usable(string value) => value.Trim().Length > 1 && !value.Contains('<') && !value.Contains('{');

        private static Dictionary<string, string> Entries(string file) =>
            XDocument.Load(file).Root!.Elements("data")
                .GroupBy(d => (string)d.Attribute("name")!)
                .ToDictionary(g => g.Key, g => ((string?)g.First().Element("value") ?? "").Trim().Replace("\r", "").Replace("\n", " "), StringComparer.Ordinal);

        [GeneratedRegex(@"^[A-Z][A-Za-z]*(\.[A-Za-z0-9_]+)+$")]
        private static partial Regex KeyLike();
    }

    /// <summary>The host with the demo company (Demo:Seed, as <c>./nps run --demo</c>) and a mail server for the test invitation.</summary>
    public sealed class DemoCompany : MailBrowserFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Demo:Seed", "true");
    }
}
