using System.Net;
using System.Net.Http.Json;
using System.Text;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

public sealed class ContactTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<HttpClient> ClientAsync() => fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

    [Fact]
    public async Task Posting_a_contact_adds_it_once_then_updates_it_by_email_merging_properties()
    {
        var client = await ClientAsync();

        var created = await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = "Ayse@Example.test", name = "Ayşe", locale = "tr", properties = new { city = "İzmir", tier = "gold" } }))
            .JsonAsync(HttpStatusCode.Created);
        var updated = await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = "ayse@example.test", properties = new { tier = "platinum", orders = 12 } }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(created.GetProperty("id").GetGuid(), updated.GetProperty("id").GetGuid());
        Assert.Equal("Ayşe", updated.GetProperty("name").GetString());
        var properties = updated.GetProperty("properties");
        Assert.Equal("İzmir", properties.GetProperty("city").GetString());
        Assert.Equal("platinum", properties.GetProperty("tier").GetString());
        Assert.Equal(12, properties.GetProperty("orders").GetInt32());

        var patched = await (await client.PatchAsync($"/api/v1/contacts/{created.GetProperty("id").GetGuid()}",
            new StringContent("""{"properties": {"city": null}, "locale": "en"}""", Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.OK);
        Assert.False(patched.GetProperty("properties").TryGetProperty("city", out _));
        Assert.Equal("en", patched.GetProperty("locale").GetString());
    }

    [Fact]
    public async Task Contacts_are_listed_by_cursor_with_a_link_to_the_next_page_and_filtered()
    {
        var client = await ClientAsync();
        foreach (var name in new[] { "Ali", "Berk", "Cem", "Deniz", "Ece" })
        {
            await client.PostAsJsonAsync("/api/v1/contacts", new { email = $"{name.ToLowerInvariant()}@example.test", name });
        }

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var response = await client.GetAsync($"/api/v1/contacts?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            var page = await response.JsonAsync(HttpStatusCode.OK);
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
            cursor = page.GetProperty("next").GetString();
            Assert.Equal(cursor is not null, response.Headers.Contains("Link"));
        }
        while (cursor is not null);

        Assert.Equal(["Ali", "Berk", "Cem", "Deniz", "Ece"], names);
        var found = await (await client.GetAsync("/api/v1/contacts?q=DEN")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Deniz", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        await (await client.GetAsync("/api/v1/contacts?limit=500")).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/contacts?cursor=not-a-cursor!")).JsonAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Erasing_a_contact_removes_their_personal_data_and_cancels_what_was_waiting()
    {
        var client = await ClientAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var pending = await SurveyApi.RequestAsync(client, survey, new { email = "erase-me@example.test", name = "Forget Me", delaySeconds = 3600 });
        var contact = (await (await client.GetAsync("/api/v1/contacts?q=erase-me")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();

        await (await client.DeleteAsync($"/api/v1/contacts/{contact}")).JsonAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/api/v1/contacts/{contact}")).JsonAsync(HttpStatusCode.NotFound);
        var row = await fixture.Database.ScalarAsAdminAsync<string>($"select coalesce(email, '') || '|' || coalesce(name, '') || '|' || properties::text from surveys.contacts where id = '{contact}'");
        Assert.Equal("||{}", row);
        Assert.Equal("cancelled", await fixture.Database.ScalarAsAdminAsync<string>($"select status from surveys.invitations where id = '{pending.GetProperty("invitationId").GetGuid()}'"));
        // The address is free again, as a new person.
        await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = "erase-me@example.test" })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_csv_import_adds_and_updates_good_rows_and_reports_each_bad_one_by_line_and_field()
    {
        var client = await ClientAsync();
        await client.PostAsJsonAsync("/api/v1/contacts", new { email = "existing@example.test", name = "Old name" });
        var csv = """
            email;name;locale;city
            new1@example.test;Yeni Bir;tr;Ankara
            not-an-address;Broken;tr;Bursa
            existing@example.test;New name;en;
            new2@example.test;Yeni İki;de;İzmir
            new3@example.test;;;
            """;

        var result = await (await client.PostAsync("/api/v1/contacts/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "email")], errors);
        // A language surveys are not sent in (de) is no reason to lose the contact: it reads the company's, with a warning.
        var warning = Assert.Single(result.GetProperty("warnings").EnumerateArray());
        Assert.Equal((5, "locale"), (warning.GetProperty("line").GetInt32(), warning.GetProperty("field").GetString()));
        Assert.Equal("\"de\" is not a language surveys are sent in: this contact reads English, the company's language.", warning.GetProperty("message").GetString());
        var german = (await (await client.GetAsync("/api/v1/contacts?q=new2")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("en", german.GetProperty("locale").GetString());
        var updated = (await (await client.GetAsync("/api/v1/contacts?q=existing")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("New name", updated.GetProperty("name").GetString());
        var ankara = (await (await client.GetAsync("/api/v1/contacts?q=new1")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("Ankara", ankara.GetProperty("properties").GetProperty("city").GetString());
    }

    [Fact]
    public async Task A_turkish_company_s_contact_in_an_unknown_language_reads_turkish_and_the_warning_is_in_turkish()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, locale: "tr")).ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contacts/import")
        {
            Content = new StringContent("email,locale\nhans@example.test,de\nayse@example.test,tr-TR\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.AcceptLanguage.ParseAdd("tr");

        var result = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("created").GetInt32());
        var warning = Assert.Single(result.GetProperty("warnings").EnumerateArray());
        Assert.Equal("\"de\" anketlerin gönderildiği bir dil değil: bu kişiye şirketin dili olan Türkçe kullanılacak.", warning.GetProperty("message").GetString());
        var contacts = (await (await client.GetAsync("/api/v1/contacts")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .ToDictionary(c => c.GetProperty("email").GetString()!, c => c.GetProperty("locale").GetString());
        Assert.Equal("tr", contacts["hans@example.test"]);
        Assert.Equal("tr", contacts["ayse@example.test"]);
    }

    [Theory]
    [InlineData("contacts-sample.csv")]
    [InlineData("kisiler-ornek.csv")]
    public async Task The_sample_files_the_import_page_links_import_without_a_rejected_row_or_a_warning(string sample)
    {
        var client = await ClientAsync();
        var csv = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "NpsCloud.Host", "wwwroot", "samples", sample));

        var result = await (await client.PostAsync("/api/v1/contacts/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("created").GetInt32() > 0);
        Assert.Equal(0, result.GetProperty("rejected").GetInt32());
        Assert.Empty(result.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task A_file_without_an_email_column_or_of_another_type_is_refused()
    {
        var client = await ClientAsync();

        var noEmail = await (await client.PostAsync("/api/v1/contacts/import", new StringContent("name,city\nAli,Ankara\n", Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(noEmail.GetProperty("errors").TryGetProperty("file", out _));
        var wrongType = await (await client.PostAsync("/api/v1/contacts/import", new StringContent("{}", Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_media_type", wrongType.GetProperty("code").GetString());
    }
}
