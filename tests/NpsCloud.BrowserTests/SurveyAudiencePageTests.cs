using System.Drawing;
using System.Net.Http.Json;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>A survey's audience page on a phone, in Turkish: a segment by city, a CSV with a bad line, typed addresses with a bad one, picked contacts, and the counts.</summary>
public sealed class SurveyAudiencePageTests(SurveyAudiencePageTests.Fixture browser) : IClassFixture<SurveyAudiencePageTests.Fixture>
{
    [Fact]
    public async Task On_a_phone_an_owner_builds_an_audience_from_a_segment_a_csv_typed_and_picked_contacts_and_sees_every_rejected_line()
    {
        var api = browser.Api(browser.SignUp("Ege Mobilya"));
        var survey = await BrowserFixture.CreateAsync(api, "/api/v1/surveys", new
        {
            name = "Çeyreklik NPS", kind = "relationship", locale = "tr",
            schedule = new { cadence = "quarterly", firstWaveAt = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        var picked = $"secilen-{Guid.NewGuid():N}@example.test";
        await BrowserFixture.CreateAsync(api, "/api/v1/contacts", new { email = picked, properties = new { city = "Bursa" } });
        browser.Browser.Manage().Window.Size = new Size(390, 844);

        browser.Open($"/app/surveys/{survey}/audience");
        Assert.NotNull(browser.WaitFor(By.CssSelector("[data-testid='audience-mode']")));
        Assert.Equal("0", browser.WaitFor(By.CssSelector("[data-testid='audience-count']")).Text);
        AssertNoSidewaysScroll("the empty audience page");

        // A CSV of three contacts with one bad line: the line is reported, the good ones become members.
        var csv = Path.Combine(Directory.CreateTempSubdirectory("nps-audience-").FullName, "musteriler.csv");
        await File.WriteAllTextAsync(csv, $"email;name;city\nselin-{Guid.NewGuid():N}@example.test;Selin;İzmir\nbozuk-satir;Bozuk;Ankara\ncan-{Guid.NewGuid():N}@example.test;Can;IZMIR\n");
        browser.WaitFor(By.CssSelector("[data-testid='audience-csv'] #csv")).SendKeys(csv);
        browser.Browser.FindElement(By.CssSelector("[data-testid='audience-csv'] button[type='submit']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Any(f => f.Text.Contains("2 kişi üye olarak eklendi")), "the CSV's flash");
        Assert.Contains("3", browser.WaitFor(By.CssSelector("[data-testid='csv-errors']")).Text);
        AssertNoSidewaysScroll("the CSV result");

        // Typed addresses, one bad: the good one is added, the bad one listed.
        var typed = $"ayse-{Guid.NewGuid():N}@example.test";
        browser.WaitFor(By.CssSelector("[data-testid='members-form'] #emails")).SendKeys($"{typed}, yanlis@");
        browser.Browser.FindElement(By.CssSelector("[data-testid='members-form'] button[type='submit']")).Click();
        Assert.Contains("yanlis@", browser.WaitFor(By.CssSelector("[data-testid='member-errors']")).Text);
        browser.WaitUntil(d => d.FindElements(By.CssSelector($"[data-testid='members'] tr[data-email='{typed}']")).Count == 1, "the typed member");

        // Picked from the contacts: "add all shown" after a search.
        var search = browser.WaitFor(By.CssSelector("[data-testid='contact-picker'] #q"));
        search.SendKeys("secilen");
        search.Submit();
        browser.WaitFor(By.CssSelector("[data-testid='pick-all']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector($"[data-testid='members'] tr[data-email='{picked}'][data-state='eligible']")).Count == 1, "the picked member");
        Assert.Equal("4", browser.WaitFor(By.CssSelector("[data-testid='audience-count']")).Text);

        // A segment by city, saved and chosen in one go: İzmir and IZMIR match.
        var form = browser.WaitFor(By.CssSelector("[data-testid='segment-form']"));
        form.FindElement(By.Id("SegmentName")).SendKeys("İzmir");
        form.FindElement(By.Id("SegmentProperty")).SendKeys("city");
        form.FindElement(By.Id("SegmentValues")).SendKeys("izmir");
        form.FindElement(By.CssSelector("button[type='submit']")).Click();
        browser.WaitUntil(d => d.FindElements(By.CssSelector("[data-testid='flash']")).Any(f => f.Text.Contains("2 kişi eşleşiyor")), "the segment's flash");
        Assert.True(browser.WaitFor(By.CssSelector("[data-testid='audience-mode'] input[value='segment']")).Selected);
        Assert.Contains("0", browser.WaitFor(By.CssSelector("[data-testid='audience-held']")).Text);
        AssertNoSidewaysScroll("the audience page with its members");

        var audience = await (await api.GetAsync($"/api/v1/surveys/{survey}/audience")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("segment", audience.GetProperty("mode").GetString());
        Assert.Equal(4, audience.GetProperty("willBeAsked").GetInt32());
    }

    private void AssertNoSidewaysScroll(string where)
    {
        var script = (IJavaScriptExecutor)browser.Browser;
        var scroll = Convert.ToInt64(script.ExecuteScript("return document.documentElement.scrollWidth;"));
        var client = Convert.ToInt64(script.ExecuteScript("return document.documentElement.clientWidth;"));
        Assert.True(scroll <= client, $"{where} scrolls sideways: {scroll}px of content in {client}px.");
    }

    public sealed class Fixture : BrowserFixture
    {
        protected override string BrowserLanguage => "tr-TR,tr";
    }
}
