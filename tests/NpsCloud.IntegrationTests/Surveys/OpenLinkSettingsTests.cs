using System.Net;
using System.Net.Http.Json;
using System.Text;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>
/// A survey's open link through the API: made by the first PUT with sensible defaults, changed as a whole,
/// renewed to a new address that ends the old one, drawn as a QR code (SVG or PNG) with hidden field values
/// in its address, refused field by field when wrong, and another company's survey is not found.
/// </summary>
public sealed class OpenLinkSettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Api, Guid Survey)> CompanyAsync()
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        return (api, await SurveyApi.ActiveTransactionalAsync(api));
    }

    [Fact]
    public async Task The_first_put_makes_the_link_with_its_defaults_and_the_link_is_read_back()
    {
        var (api, survey) = await CompanyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/surveys/{survey}/link")).StatusCode);

        var link = await OpenLinkApi.PutAsync(api, survey);

        var slug = link.GetProperty("slug").GetString()!;
        Assert.Matches("^[A-Za-z0-9]{12}$", slug);
        Assert.EndsWith($"/s/{slug}", link.GetProperty("url").GetString());
        Assert.Contains($"/s/{slug}?kiosk=", link.GetProperty("kioskUrl").GetString());
        Assert.True(link.GetProperty("enabled").GetBoolean());
        Assert.True(link.GetProperty("live").GetBoolean());
        Assert.Equal(500, link.GetProperty("dailyCap").GetInt32());
        Assert.False(link.GetProperty("collectEmail").GetBoolean());
        Assert.Empty(link.GetProperty("hiddenFields").EnumerateArray());
        var read = await (await api.GetAsync($"/api/v1/surveys/{survey}/link")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(slug, read.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_put_changes_the_link_as_a_whole_and_one_answer_per_person_turns_the_email_field_on()
    {
        var (api, survey) = await CompanyAsync();
        var first = await OpenLinkApi.PutAsync(api, survey, new { collectName = true, dailyCap = 50, hiddenFields = new[] { "order", "store", "store" } });
        Assert.Equal(["order", "store"], first.GetProperty("hiddenFields").EnumerateArray().Select(f => f.GetString()));

        var changed = await OpenLinkApi.PutAsync(api, survey, new { oneAnswerPerPerson = true });

        Assert.Equal(first.GetProperty("slug").GetString(), changed.GetProperty("slug").GetString());
        Assert.True(changed.GetProperty("oneAnswerPerPerson").GetBoolean());
        Assert.True(changed.GetProperty("collectEmail").GetBoolean());
        Assert.False(changed.GetProperty("collectName").GetBoolean());
        Assert.Equal(500, changed.GetProperty("dailyCap").GetInt32());
        Assert.Empty(changed.GetProperty("hiddenFields").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"dailyCap\":0}", "dailyCap")]
    [InlineData("{\"dailyCap\":100001}", "dailyCap")]
    [InlineData("{\"hiddenFields\":[\"Order!\"]}", "hiddenFields")]
    [InlineData("{\"hiddenFields\":[\"email\"]}", "hiddenFields")]
    [InlineData("{\"hiddenFields\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}", "hiddenFields")]
    [InlineData("{\"dailyCap\":\"many\"}", "dailyCap")]
    public async Task Wrong_settings_are_refused_naming_the_field_and_change_nothing(string body, string field)
    {
        var (api, survey) = await CompanyAsync();
        var before = await OpenLinkApi.PutAsync(api, survey, new { dailyCap = 40 });

        var refused = await api.PutAsync($"/api/v1/surveys/{survey}/link", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
        var after = await (await api.GetAsync($"/api/v1/surveys/{survey}/link")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("dailyCap").GetInt32(), after.GetProperty("dailyCap").GetInt32());
    }

    [Fact]
    public async Task A_new_address_ends_the_old_one_and_its_kiosk()
    {
        var (api, survey) = await CompanyAsync();
        var old = await OpenLinkApi.PutAsync(api, survey);
        var visitor = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(OpenLinkApi.PathOf(old.GetProperty("url").GetString()!))).StatusCode);

        var renewed = await (await api.PostAsync($"/api/v1/surveys/{survey}/link/renew", null)).JsonAsync(HttpStatusCode.OK);

        Assert.NotEqual(old.GetProperty("slug").GetString(), renewed.GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(OpenLinkApi.PathOf(old.GetProperty("url").GetString()!))).StatusCode);
        var newKiosk = await visitor.GetStringAsync(OpenLinkApi.PathOf(renewed.GetProperty("kioskUrl").GetString()!));
        Assert.Equal("open", OpenLinkApi.StateOf(newKiosk));
        // The old kiosk key names the old address: on the new one it is no kiosk.
        var oldKey = new Uri(old.GetProperty("kioskUrl").GetString()!).Query;
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/s/{old.GetProperty("slug").GetString()}{oldKey}")).StatusCode);
    }

    [Fact]
    public async Task The_qr_code_is_an_svg_or_a_png_and_only_the_links_hidden_fields_go_into_its_address()
    {
        var (api, survey) = await CompanyAsync();
        await OpenLinkApi.PutAsync(api, survey, new { hiddenFields = new[] { "store" } });

        var svg = await api.GetAsync($"/api/v1/surveys/{survey}/link/qr?format=svg&store=kadikoy");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        var png = await api.GetAsync($"/api/v1/surveys/{survey}/link/qr?format=png");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await png.Content.ReadAsByteArrayAsync())[..4]);

        var badFormat = await (await api.GetAsync($"/api/v1/surveys/{survey}/link/qr?format=gif")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badFormat.GetProperty("errors").TryGetProperty("format", out _), badFormat.ToString());
        var unknownField = await (await api.GetAsync($"/api/v1/surveys/{survey}/link/qr?city=izmir")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(unknownField.GetProperty("errors").TryGetProperty("city", out _), unknownField.ToString());
    }

    [Fact]
    public async Task Another_companys_survey_and_its_link_are_not_found()
    {
        var (owner, survey) = await CompanyAsync();
        await OpenLinkApi.PutAsync(owner, survey);
        var (other, _) = await CompanyAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/surveys/{survey}/link")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/surveys/{survey}/link", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/surveys/{survey}/link/renew", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/surveys/{survey}/link/qr")).StatusCode);
        Assert.True((await (await owner.GetAsync($"/api/v1/surveys/{survey}/link")).JsonAsync(HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());
    }
}
