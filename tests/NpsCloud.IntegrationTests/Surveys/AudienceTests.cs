using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>A relationship survey's audience: all contacts, a segment re-read at every wave, a CSV, typed addresses, the counts before sending and each member's state after.</summary>
public sealed class AudienceTests(AudienceTests.Fixture fixture) : IClassFixture<AudienceTests.Fixture>
{
    [Fact]
    public async Task A_segment_is_read_again_at_every_wave_so_a_contact_added_later_is_asked_and_one_that_stopped_matching_is_not()
    {
        var (company, client) = await CompanyAsync();
        var early = await ContactAsync(client, "early", new { city = "İzmir" });
        var leaving = await ContactAsync(client, "leaving", new { city = "izmir" });
        var elsewhere = await ContactAsync(client, "elsewhere", new { city = "Ankara" });
        var segment = (await (await client.PostAsJsonAsync("/api/v1/segments", new { name = "İzmir", filters = new[] { new { property = "city", values = new[] { "İZMİR" } } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var survey = await ActiveSurveyAsync(client);
        var audience = await (await client.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "segment", segmentId = segment })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, audience.GetProperty("willBeAsked").GetInt32());
        Assert.Equal("İzmir", audience.GetProperty("segmentName").GetString());

        var first = WholeSecond();
        Assert.Equal(2, (await StartWaveAsync(company.TenantId, survey, first)).Invited);
        Assert.Equal(new[] { early, leaving }.Order(), (await InvitedAsync(survey, first)).Order());

        var late = await ContactAsync(client, "late", new { city = "IZMIR" });
        await (await client.PatchAsJsonAsync($"/api/v1/contacts/{leaving}", new { properties = new { city = "Bursa" } })).JsonAsync(HttpStatusCode.OK);
        var second = first.AddMinutes(1);
        await StartWaveAsync(company.TenantId, survey, second);

        // The early contact was asked a minute ago: throttled, not asked again; the late one is asked.
        var wave2 = await fixture.Database.LinesAsAdminAsync(
            $"select i.contact_id || ' ' || i.status from surveys.invitations i join surveys.waves w on w.id = i.wave_id where w.survey_id = '{survey}' and w.slot = '{second:O}' order by 1");
        Assert.Equal(new[] { $"{early} throttled", $"{late} scheduled" }.Order(StringComparer.Ordinal), wave2.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(elsewhere, await InvitedAsync(survey, first));
    }

    [Fact]
    public async Task All_contacts_as_the_audience_asks_every_subscribed_contact_and_skips_the_unsubscribed_and_bounced()
    {
        var (company, client) = await CompanyAsync();
        var one = await ContactAsync(client, "one", null);
        var two = await ContactAsync(client, "two", null);
        var unsubscribed = await ContactAsync(client, "unsubscribed", null);
        await (await client.PostAsync($"/api/v1/contacts/{unsubscribed}/unsubscribe", null)).JsonAsync(HttpStatusCode.OK);
        var bounced = await ContactAsync(client, "bounced", null);
        await fixture.Database.ExecuteAsAdminAsync($"update surveys.contacts set bounced_at = now(), bounce_reason = '550' where id = '{bounced}'");
        var survey = await ActiveSurveyAsync(client);

        var audience = await (await client.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "all" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((4, 2, 1, 1, 0), (audience.GetProperty("total").GetInt32(), audience.GetProperty("willBeAsked").GetInt32(),
            audience.GetProperty("unsubscribed").GetInt32(), audience.GetProperty("bounced").GetInt32(), audience.GetProperty("members").GetInt32()));

        var slot = WholeSecond();
        Assert.Equal(2, (await StartWaveAsync(company.TenantId, survey, slot)).Invited);
        Assert.Equal(new[] { one, two }.Order(), (await InvitedAsync(survey, slot)).Order());
        // Safe to run twice for one slot: nobody is invited again.
        Assert.Equal(2, (await StartWaveAsync(company.TenantId, survey, slot)).Invited);
        Assert.Equal(2, (await InvitedAsync(survey, slot)).Count);
    }

    [Fact]
    public async Task Before_sending_the_audience_counts_those_the_throttle_window_unsubscribes_and_bounces_hold_back()
    {
        var (_, client) = await CompanyAsync();
        // The throttle window (30 days) is counted back from the next wave, in two days.
        var survey = await ActiveSurveyAsync(client, firstWaveInDays: 2);
        var emails = new[] { "fresh", "recent", "gone", "bounced", "old" }.Select(n => $"{n}-{Guid.NewGuid():N}@example.test").ToArray();
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails })).JsonAsync(HttpStatusCode.OK);
        await fixture.Database.ExecuteAsAdminAsync($"""
            update surveys.contacts set last_surveyed_at = now() - interval '2 days' where email = '{emails[1]}';
            update surveys.contacts set unsubscribed_at = now() where email = '{emails[2]}';
            update surveys.contacts set bounced_at = now() where email = '{emails[3]}';
            update surveys.contacts set last_surveyed_at = now() - interval '400 days' where email = '{emails[4]}';
            """);

        var audience = await (await client.GetAsync($"/api/v1/surveys/{survey}/audience")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("members", audience.GetProperty("mode").GetString());
        Assert.Equal(5, audience.GetProperty("total").GetInt32());
        Assert.Equal(2, audience.GetProperty("willBeAsked").GetInt32());
        Assert.Equal(1, audience.GetProperty("throttled").GetInt32());
        Assert.Equal(1, audience.GetProperty("unsubscribed").GetInt32());
        Assert.Equal(1, audience.GetProperty("bounced").GetInt32());
        Assert.Equal(30, audience.GetProperty("throttleDays").GetInt32());
        Assert.Equal(audience.GetProperty("nextWaveAt").GetDateTimeOffset(), audience.GetProperty("countedFor").GetDateTimeOffset());

        // Surveyed 29 days ago is 31 days before that wave: out of the window by then, so asked.
        await fixture.Database.ExecuteAsAdminAsync($"update surveys.contacts set last_surveyed_at = now() - interval '29 days' where email = '{emails[1]}'");
        Assert.Equal(3, (await (await client.GetAsync($"/api/v1/surveys/{survey}/audience")).JsonAsync(HttpStatusCode.OK)).GetProperty("willBeAsked").GetInt32());
    }

    [Fact]
    public async Task Typed_addresses_with_one_invalid_add_the_good_ones_and_return_the_bad_one_with_its_reason()
    {
        var (_, client) = await CompanyAsync();
        var survey = await ActiveSurveyAsync(client);
        var good = Enumerable.Range(1, 3).Select(i => $"good{i}-{Guid.NewGuid():N}@example.test").ToArray();

        var added = await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = good.Append("not-an-address") })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, added.GetProperty("added").GetInt32());
        var rejected = Assert.Single(added.GetProperty("rejected").EnumerateArray());
        Assert.Equal("not-an-address", rejected.GetProperty("email").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("reason").GetString()));
        var members = (await (await client.GetAsync($"/api/v1/surveys/{survey}/members")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("email").GetString()).ToList();
        Assert.Equal(good.Order(), members.Order());

        // Nothing valid at all stays a 400 naming each address.
        var problem = await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = new[] { "nope", "also nope" } })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("emails[1]", out _), problem.ToString());
    }

    [Fact]
    public async Task On_the_audience_page_typed_addresses_keep_the_good_ones_and_list_the_bad_one_in_the_pages_language()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: "tr");
        var client = fixture.App.WithKey(company.ApiKey);
        var survey = await ActiveSurveyAsync(client);
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr-TR");
        Assert.Equal(HttpStatusCode.Redirect, (await TenantApi.PostFormAsync(browser, "/login",
            new Dictionary<string, string> { ["Form.Email"] = company.Email, ["Form.Password"] = company.Password })).StatusCode);
        var good = new[] { $"ayse-{Guid.NewGuid():N}@example.test", $"mehmet-{Guid.NewGuid():N}@example.test", $"selin-{Guid.NewGuid():N}@example.test" };

        var posted = await TenantApi.PostFormAsync(browser, $"/app/surveys/{survey}/audience",
            new Dictionary<string, string> { ["emails"] = string.Join(", ", good) + "\nbozuk-adres" }, $"/app/surveys/{survey}/audience?handler=Add");

        var page = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("data-testid=\"member-errors\"", page);
        Assert.Contains("bozuk-adres", page);
        Assert.Contains("3 kişi eklendi", page);
        Assert.All(good, email => Assert.Contains($"data-email=\"{email}\"", page));
        Assert.Equal(3, (await (await client.GetAsync($"/api/v1/surveys/{survey}/audience")).JsonAsync(HttpStatusCode.OK)).GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task A_csv_uploaded_into_a_survey_adds_its_good_rows_as_contacts_and_members_and_reports_the_bad_line()
    {
        var (_, client) = await CompanyAsync();
        var survey = await ActiveSurveyAsync(client);
        var ayse = $"ayse-{Guid.NewGuid():N}@example.test";
        var can = $"can-{Guid.NewGuid():N}@example.test";
        var csv = $"email;name;city\n{ayse};Ayşe Yılmaz;İzmir\nnot-an-address;Bozuk;Ankara\n{can};;Bursa\n";

        var imported = await (await client.PostAsync($"/api/v1/surveys/{survey}/members/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((2, 0, 1, 2, 0), (imported.GetProperty("created").GetInt32(), imported.GetProperty("updated").GetInt32(), imported.GetProperty("rejected").GetInt32(),
            imported.GetProperty("added").GetInt32(), imported.GetProperty("alreadyMembers").GetInt32()));
        var error = Assert.Single(imported.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("email", error.GetProperty("field").GetString());
        var contact = (await (await client.GetAsync($"/api/v1/contacts?q={Uri.EscapeDataString(ayse)}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("İzmir", contact.GetProperty("properties").GetProperty("city").GetString());
        Assert.Equal("Ayşe Yılmaz", contact.GetProperty("name").GetString());

        var again = await (await client.PostAsync($"/api/v1/surveys/{survey}/members/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 2, 0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("added").GetInt32(), again.GetProperty("alreadyMembers").GetInt32()));
        await (await client.PostAsync($"/api/v1/surveys/{survey}/members/import", new StringContent("name\nNobody\n", Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task After_a_wave_each_member_shows_the_state_of_their_latest_invitation_and_a_next_send_only_when_one_is_ahead()
    {
        var (company, client) = await CompanyAsync();
        var survey = await ActiveSurveyAsync(client);
        var names = new[] { "sent", "recent", "unsubscribed", "answered", "untouched" };
        var emails = names.ToDictionary(n => n, n => $"{n}-{Guid.NewGuid():N}@example.test");
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = emails.Values })).JsonAsync(HttpStatusCode.OK);
        await fixture.Database.ExecuteAsAdminAsync($"""
            update surveys.contacts set last_surveyed_at = now() - interval '1 day' where email = '{emails["recent"]}';
            update surveys.contacts set unsubscribed_at = now() where email = '{emails["unsubscribed"]}';
            """);
        var before = await MembersAsync(client, survey);
        Assert.Equal("eligible", before[emails["sent"]].GetProperty("state").GetString());
        Assert.True(before[emails["sent"]].GetProperty("nextSendAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        var slot = WholeSecond();
        await StartWaveAsync(company.TenantId, survey, slot);
        await fixture.Database.ExecuteAsAdminAsync($"""
            update surveys.invitations i set responded_at = now() from surveys.contacts c
             where c.id = i.contact_id and c.email = '{emails["answered"]}' and i.survey_id = '{survey}';
            """);
        await Poll.UntilAsync(async () => (await MembersAsync(client, survey))[emails["sent"]].GetProperty("state").GetString() == "sent", "the invitation to be sent");

        var after = await MembersAsync(client, survey);
        Assert.Equal("sent", after[emails["sent"]].GetProperty("state").GetString());
        Assert.Equal("throttled", after[emails["recent"]].GetProperty("state").GetString());
        Assert.Equal("unsubscribed", after[emails["unsubscribed"]].GetProperty("state").GetString());
        Assert.Equal("answered", after[emails["answered"]].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after[emails["unsubscribed"]].GetProperty("nextSendAt").ValueKind);
        // Sent a moment ago: the next send, if the schedule has one, lies beyond the throttle window.
        var sent = after[emails["sent"]];
        Assert.NotEqual(JsonValueKind.Null, sent.GetProperty("sentAt").ValueKind);
        Assert.True(sent.GetProperty("nextSendAt").ValueKind == JsonValueKind.Null || sent.GetProperty("nextSendAt").GetDateTimeOffset() > slot.AddDays(29),
            $"a next send inside the throttle window: {sent}");
        Assert.All(after.Values, m => Assert.Equal("member", m.GetProperty("source").GetString()));
    }

    /// <summary>Now to the second: a slot the test can name again in SQL exactly.</summary>
    private static DateTimeOffset WholeSecond() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private async Task<(TenantApi.SignedUp Company, HttpClient Client)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        return (company, fixture.App.WithKey(company.ApiKey));
    }

    /// <summary>An active relationship survey whose own schedule fires only in a month: the test starts its waves.</summary>
    private static async Task<Guid> ActiveSurveyAsync(HttpClient client, int firstWaveInDays = 30)
    {
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Relationship", kind = "relationship", locale = "en",
            schedule = new { cadence = "quarterly", firstWaveAt = DateTime.UtcNow.AddDays(firstWaveInDays).ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);
        return survey;
    }

    private static async Task<Guid> ContactAsync(HttpClient client, string name, object? properties) =>
        (await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = $"{name}-{Guid.NewGuid():N}@example.test", properties })).JsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private async Task<StartWave.Result> StartWaveAsync(Guid tenantId, Guid survey, DateTimeOffset slot)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new StartWave.Command(survey, slot));
    }

    private async Task<List<Guid>> InvitedAsync(Guid survey, DateTimeOffset slot) =>
        (await fixture.Database.LinesAsAdminAsync(
            $"select i.contact_id::text from surveys.invitations i join surveys.waves w on w.id = i.wave_id where w.survey_id = '{survey}' and w.slot = '{slot:O}' and i.status in ('scheduled', 'sent')"))
        .Select(Guid.Parse).ToList();

    private static async Task<Dictionary<string, JsonElement>> MembersAsync(HttpClient client, Guid survey) =>
        (await (await client.GetAsync($"/api/v1/surveys/{survey}/members")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
        .ToDictionary(m => m.GetProperty("email").GetString()!);

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
