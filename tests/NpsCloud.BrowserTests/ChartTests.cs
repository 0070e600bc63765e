using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace NpsCloud.BrowserTests;

/// <summary>
/// The dashboard's charts read on a phone and on a desktop: every visible chart text at least 12 px as
/// rendered, x labels that do not overlap, a point's values on hover and on tap, the running week drawn
/// hollow and labelled "so far", counts on the distribution and a table with the same numbers.
/// </summary>
public sealed class ChartTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_dashboard_charts_stay_readable_and_show_values_on_hover_and_tap_on_a_phone_and_a_desktop()
    {
        using var api = browser.Api(browser.SignUp("Karadeniz Mobilya"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new { name = "Teslimat", kind = "transactional", locale = "tr" });
        // 32 promoters, 13 passives and 6 detractors, one a day back from today: about eight weeks, today's among them.
        var scores = Enumerable.Repeat(10, 32).Concat(Enumerable.Repeat(8, 13)).Concat(Enumerable.Repeat(3, 6)).ToList();
        for (var i = 0; i < scores.Count; i++)
        {
            await BrowserFixture.CreateAsync(api, "/api/v1/responses", new { surveyId = survey, email = $"m{i}@example.test", score = scores[i], createdAt = DateTimeOffset.UtcNow.AddDays(-i) });
        }

        browser.Open("/dashboard");
        browser.WaitUntil(d =>
        {
            d.Navigate().Refresh();
            return d.FindElement(By.CssSelector("[data-testid='nps'] .stat-value")).Text == "51.0";
        }, "the dashboard to count every answer");

        foreach (var size in new[] { new Size(390, 844), new Size(1366, 900) })
        {
            browser.Browser.Manage().Window.Size = size;
            browser.Open("/dashboard");
            var trend = browser.WaitFor(By.CssSelector("[data-testid='trend'] svg"));
            foreach (var chart in new[] { "trend", "shares", "distribution" })
            {
                var small = Script<string>($$"""
                    const texts = [...document.querySelectorAll("[data-testid='{{chart}}'] text")].filter(t => t.getBoundingClientRect().height > 0);
                    if (texts.length < 3) return "only " + texts.length + " visible texts";
                    const bad = texts.filter(t => parseFloat(getComputedStyle(t).fontSize) < 12 || t.getBoundingClientRect().height < 12);
                    return bad.map(t => t.textContent + " " + getComputedStyle(t).fontSize + " " + t.getBoundingClientRect().height).join("; ");
                    """);
                Assert.True(small == "", $"{chart} at {size.Width} px: {small}");
            }

            // The x labels of one row never overlap, and there are several of them.
            var overlaps = Script<string>("""
                const ticks = [...document.querySelectorAll("[data-testid='trend'] text.chart-x")].filter(t => t.getBoundingClientRect().height > 0)
                  .map(t => t.getBoundingClientRect()).filter(r => r.height > 0);
                const rows = {};
                ticks.forEach(r => (rows[Math.round(r.top)] ??= []).push(r));
                const first = Object.values(rows)[0] ?? [];
                if (first.length < 3) return "only " + first.length + " dates";
                const sorted = first.sort((a, b) => a.left - b.left);
                return sorted.slice(1).filter((r, i) => r.left < sorted[i].right + 2).length + " overlaps";
                """);
            Assert.Equal("0 overlaps", overlaps);

            // No chart reaches past its card (the y labels and the last date are drawn in the frame's padding).
            var wider = Script<string>("""
                // A phone's stacked table keeps its header row for screen readers, clipped to nothing (site.css): not drawn.
                const clipped = e => { const head = e.closest("thead"); return head && getComputedStyle(head).clipPath !== "none"; };
                return [...document.querySelectorAll(".chart, .chart *")].filter(e => !clipped(e)).filter(e => {
                    const card = e.closest(".card").getBoundingClientRect(), r = e.getBoundingClientRect();
                    return r.width > 0 && (r.left < card.left || r.right > card.right);
                  }).map(e => e.tagName + "." + e.getAttribute("class") + " " + Math.round(e.getBoundingClientRect().right) + " " + (e.textContent ?? "").slice(0, 30)).join("; ");
                """);
            Assert.True(wider == "", $"chart parts outside their card at {size.Width} px: {wider}");

            // The running week is hollow and says "so far".
            var points = trend.FindElements(By.CssSelector(".chart-point"));
            Assert.True(points.Count >= 7, $"{points.Count} weekly points");
            Assert.Contains("so-far", points[^1].GetAttribute("class"));
            Assert.Equal("so far", trend.FindElement(By.CssSelector("text.chart-so-far")).Text);

            // Values on hover (the desktop) and on tap (the phone).
            var point = points[^2];
            var value = point.FindElement(By.CssSelector(".chart-value"));
            Assert.False(value.Displayed);
            var hit = point.FindElement(By.CssSelector(".chart-hit"));
            if (size.Width < 640)
            {
                var finger = new PointerInputDevice(PointerKind.Touch, "finger");
                var tap = new ActionSequence(finger);
                tap.AddAction(finger.CreatePointerMove(hit, 0, 0, TimeSpan.Zero));
                tap.AddAction(finger.CreatePointerDown(MouseButton.Touch));
                tap.AddAction(finger.CreatePointerUp(MouseButton.Touch));
                ((IActionExecutor)browser.Browser).PerformActions([tap]);
            }
            else
            {
                new Actions(browser.Browser).MoveToElement(hit).Perform();
            }

            browser.WaitUntil(_ => value.Displayed, $"the value of a point at {size.Width} px");
            Assert.Matches(@"^-?\d+\.\d$", value.Text);
            var readout = point.FindElements(By.CssSelector(".chart-readout text"));
            Assert.Matches(@"^NPS -?\d+\.\d · interval −?\d+ ?– ?−?\d+ · \d+ answers$", readout[1].Text);
            Assert.True(readout[1].Size.Height >= 12);

            // Counts on the distribution, and the trend as a table with one row a point.
            Assert.Equal("Promoters 32 · 63%", browser.Browser.FindElement(By.CssSelector("[data-testid='categories'] [data-category='promoter']")).Text);
            Assert.Equal("32 · 63%", browser.Browser.FindElements(By.CssSelector("[data-testid='distribution'] text.chart-count")).First().Text);
            Assert.Equal(points.Count, browser.Browser.FindElements(By.CssSelector("[data-testid='trend'] details table tbody tr")).Count);
            Assert.Equal(3, browser.Browser.FindElements(By.CssSelector("[data-testid='shares'] .chart-legend li")).Count);
        }

        // In Turkish: the running week "şimdiye kadar", dates and percentages as Turkish writes them.
        browser.Browser.FindElement(By.CssSelector("button[data-culture='tr']")).Click();
        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "tr", "the page to turn Turkish");
        Assert.Equal("şimdiye kadar", browser.WaitFor(By.CssSelector("[data-testid='trend'] text.chart-so-far")).Text);
        Assert.Equal("Destekçi 32 · %63", browser.Browser.FindElement(By.CssSelector("[data-testid='categories'] [data-category='promoter']")).Text);
        var months = new[] { "Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara" };
        Assert.Contains(browser.Browser.FindElements(By.CssSelector("[data-testid='trend'] text.chart-x")).Where(t => t.Displayed),
            t => months.Any(m => t.Text.EndsWith(" " + m, StringComparison.Ordinal)));
        browser.Browser.FindElement(By.CssSelector("button[data-culture='en']")).Click();
        browser.WaitUntil(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "en", "the page to turn English again");
        browser.Browser.Manage().Window.Size = new Size(1280, 900);
    }

    private T Script<T>(string script) => (T)((IJavaScriptExecutor)browser.Browser).ExecuteScript(script)!;
}
