using System.Net;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>
/// Answers through a survey's open link (<c>/s/{slug}</c>), as a visitor's browser gives them: a GET records
/// nothing, the form records with channel link and the hidden fields as properties, and the answer is
/// followed up and counted apart from invitation answers. The daily cap, the per-device guard, "one answer
/// per person" and the kiosk hold as documented; wrong input is shown on the page, never a 500.
/// </summary>
public sealed class OpenLinkAnswerTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Api, Guid Survey, string Url, string KioskUrl)> LinkAsync(object? settings = null, object? survey = null)
    {
        // A Turkish company: its days (the daily cap's) are Istanbul's.
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, locale: "tr")).ApiKey);
        var id = await SurveyApi.ActiveTransactionalAsync(api, survey ?? new { touchpoint = "store" });
        var link = await OpenLinkApi.PutAsync(api, id, settings);
        return (api, id, OpenLinkApi.PathOf(link.GetProperty("url").GetString()!), OpenLinkApi.PathOf(link.GetProperty("kioskUrl").GetString()!));
    }

    [Fact]
    public async Task A_get_records_nothing_and_the_form_records_the_answer_on_the_link_channel_with_its_hidden_fields()
    {
        var (api, survey, url, _) = await LinkAsync(new { hiddenFields = new[] { "order", "store", "note" } });
        var visitor = OpenLinkApi.Visitor(fixture.App, "Phone/1");
        // Besides the hidden fields, what ads and shares add to an address, and a value longer than a hidden field keeps.
        var page = $"{url}?order=123&store=kadikoy&other=x&fbclid={new string('f', 300)}&utm_source=instagram&note={new string('n', 250)}";

        var shown = await visitor.GetStringAsync(page);
        Assert.Equal("open", OpenLinkApi.StateOf(shown));
        Assert.Empty(await ResponseApi.ListAsync(api));

        var answered = await OpenLinkApi.AnswerAsync(visitor, page, 3, "Kargo geç geldi");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("done", OpenLinkApi.StateOf(await answered.Content.ReadAsStringAsync()));
        var recorded = Assert.Single(await ResponseApi.ListAsync(api));
        Assert.Equal("link", recorded.GetProperty("channel").GetString());
        Assert.Equal(survey, recorded.GetProperty("surveyId").GetGuid());
        Assert.Equal(3, recorded.GetProperty("score").GetInt32());
        Assert.Equal("Kargo geç geldi", recorded.GetProperty("comment").GetString());
        Assert.Equal("store", recorded.GetProperty("touchpoint").GetString());
        var properties = recorded.GetProperty("properties");
        Assert.Equal("123", properties.GetProperty("order").GetString());
        Assert.Equal("kadikoy", properties.GetProperty("store").GetString());
        Assert.Equal(new string('n', 200), properties.GetProperty("note").GetString());
        Assert.False(properties.TryGetProperty("other", out _));
        Assert.False(properties.TryGetProperty("fbclid", out _));
        // A detractor through the link is followed up like any other.
        await FollowUpApi.WaitForCaseAsync(api, recorded.GetProperty("id").GetGuid());
        // Counted in the figures, never as an invitation answer.
        await Poll.UntilAsync(async () =>
        {
            var metrics = await (await api.GetAsync($"/api/v1/metrics?surveyId={survey}")).JsonAsync(HttpStatusCode.OK);
            var rate = metrics.GetProperty("responseRate");
            return metrics.GetProperty("responses").GetInt32() == 1 && rate.GetProperty("responded").GetInt32() == 0 && rate.GetProperty("otherAnswers").GetInt32() == 1;
        }, "the link answer to be counted apart from invitation answers", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_device_that_answered_is_held_back_by_its_cookie_and_by_its_address_and_user_agent()
    {
        var (api, _, url, _) = await LinkAsync();
        var first = OpenLinkApi.Visitor(fixture.App, "Phone/1");
        await OpenLinkApi.AnswerAsync(first, url, 9);

        Assert.Equal("answeredondevice", OpenLinkApi.StateOf(await first.GetStringAsync(url)));
        // Without the cookie (a private window), the same address and user agent are still held back.
        Assert.Equal("answeredondevice", OpenLinkApi.StateOf(await OpenLinkApi.Visitor(fixture.App, "Phone/1").GetStringAsync(url)));
        var other = OpenLinkApi.Visitor(fixture.App, "Tablet/2");
        Assert.Equal("open", OpenLinkApi.StateOf(await other.GetStringAsync(url)));
        await OpenLinkApi.AnswerAsync(other, url, 10);
        Assert.Equal(2, (await ResponseApi.ListAsync(api)).Count);
    }

    [Fact]
    public async Task The_daily_cap_says_the_survey_is_full_for_today_and_takes_no_more()
    {
        var (api, _, url, _) = await LinkAsync(new { dailyCap = 2 });
        await OpenLinkApi.AnswerAsync(OpenLinkApi.Visitor(fixture.App, "A/1"), url, 9);
        var late = OpenLinkApi.Visitor(fixture.App, "C/3");
        var form = await late.GetStringAsync(url);
        Assert.Equal("open", OpenLinkApi.StateOf(form));
        await OpenLinkApi.AnswerAsync(OpenLinkApi.Visitor(fixture.App, "B/2"), url, 8);

        // The third visitor's form was open, but its answer arrives after the cap was reached.
        var refused = await OpenLinkApi.SendFormAsync(late, url, form, 7);

        Assert.Equal("full", OpenLinkApi.StateOf(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("full", OpenLinkApi.StateOf(await OpenLinkApi.Visitor(fixture.App, "D/4").GetStringAsync(url)));
        Assert.Equal(2, (await ResponseApi.ListAsync(api)).Count);
    }

    [Fact]
    public async Task One_answer_per_person_asks_for_the_email_adds_the_contact_with_its_name_and_refuses_a_second_answer()
    {
        var (api, _, url, _) = await LinkAsync(new { oneAnswerPerPerson = true, collectName = true });
        var visitor = OpenLinkApi.Visitor(fixture.App, "Phone/1");

        var withoutEmail = await OpenLinkApi.AnswerAsync(visitor, url, 6);
        Assert.Contains("one answer per person", await withoutEmail.Content.ReadAsStringAsync());
        var badEmail = await OpenLinkApi.AnswerAsync(visitor, url, 6, email: "not-an-address");
        Assert.Contains("Enter a valid email address.", await badEmail.Content.ReadAsStringAsync());
        Assert.Empty(await ResponseApi.ListAsync(api));

        var email = $"ayse-{Guid.NewGuid():N}@example.test";
        await OpenLinkApi.AnswerAsync(visitor, url, 6, name: "Ayşe Yılmaz", email: email);
        var recorded = Assert.Single(await ResponseApi.ListAsync(api));
        Assert.Equal(email, recorded.GetProperty("contact").GetProperty("email").GetString(), ignoreCase: true);
        var contacts = await (await api.GetAsync($"/api/v1/contacts?q={email}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Ayşe Yılmaz", Assert.Single(contacts.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

        var again = await OpenLinkApi.AnswerAsync(OpenLinkApi.Visitor(fixture.App, "Laptop/2"), url, 10, email: email.ToUpperInvariant());
        Assert.Contains("This email address has already answered this survey.", await again.Content.ReadAsStringAsync());
        Assert.Single(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task A_kiosk_takes_answer_after_answer_from_one_device_and_a_forged_kiosk_key_is_no_kiosk()
    {
        var (api, _, url, kioskUrl) = await LinkAsync(new { hiddenFields = new[] { "store" } });
        var kiosk = OpenLinkApi.Visitor(fixture.App, "Kiosk/1");
        var atTheCounter = kioskUrl + "&store=moda";

        for (var person = 0; person < 3; person++)
        {
            var thanked = await (await OpenLinkApi.AnswerAsync(kiosk, atTheCounter, 8 + person)).Content.ReadAsStringAsync();
            Assert.Equal("done", OpenLinkApi.StateOf(thanked));
            Assert.Contains("data-testid=\"kiosk-reset\"", thanked);
            Assert.Matches("<meta http-equiv=\"refresh\" content=\"8;url=/s/[A-Za-z0-9]{12}\\?kiosk=[^\"]+&amp;store=moda\"", thanked);
        }

        var answers = await ResponseApi.ListAsync(api);
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.Equal("moda", a.GetProperty("properties").GetProperty("store").GetString()));

        var forged = OpenLinkApi.Visitor(fixture.App, "Kiosk/2");
        await OpenLinkApi.AnswerAsync(forged, url + "?kiosk=forged", 5);
        Assert.Equal("answeredondevice", OpenLinkApi.StateOf(await forged.GetStringAsync(url + "?kiosk=forged")));
    }

    [Fact]
    public async Task A_switched_off_link_says_it_is_closed_and_an_unknown_one_is_a_404_page()
    {
        var (api, survey, url, _) = await LinkAsync();
        await OpenLinkApi.PutAsync(api, survey, new { enabled = false });
        var visitor = fixture.App.CreateClient();

        Assert.Equal("closed", OpenLinkApi.StateOf(await visitor.GetStringAsync(url)));
        foreach (var unknown in new[] { "/s/AAAAAAAAAAAA", "/s/x", "/s/%ff%fe%C3", "/s/" + new string('a', 3000) })
        {
            var page = await visitor.GetAsync(unknown);
            Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"{unknown}: {(int)page.StatusCode}");
        }
    }

    [Fact]
    public async Task Wrong_input_is_shown_on_the_page_in_the_surveys_language_and_records_nothing()
    {
        var (api, _, url, _) = await LinkAsync(survey: new { locale = "tr" });
        var visitor = OpenLinkApi.Visitor(fixture.App, "Phone/1");

        var noScore = await TenantApi.PostFormAsync(visitor, url, new Dictionary<string, string> { ["score"] = "abc" });
        Assert.Equal(HttpStatusCode.OK, noScore.StatusCode);
        Assert.Contains("Puanı girin (0 ile 10 arası).", System.Net.WebUtility.HtmlDecode(await noScore.Content.ReadAsStringAsync()));
        var tooHigh = await TenantApi.PostFormAsync(visitor, url, new Dictionary<string, string> { ["score"] = "11", ["comment"] = new string('x', 6000) });
        Assert.Equal(HttpStatusCode.OK, tooHigh.StatusCode);
        Assert.Empty(await ResponseApi.ListAsync(api));
        // The English page on request.
        Assert.Contains("How likely", await visitor.GetStringAsync(url + "?lang=en"));
    }
}
