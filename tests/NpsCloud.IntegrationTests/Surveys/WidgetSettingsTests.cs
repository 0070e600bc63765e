using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Web widget settings through the API: created with defaults and a public id, validated field by field, changed, removed, and private to their tenant.</summary>
public sealed class WidgetSettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Api, Guid Survey)> CompanyAsync()
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        return (api, await SurveyApi.CreateAsync(api, new { name = "Web site", kind = "transactional", locale = "tr" }));
    }

    [Fact]
    public async Task A_new_widget_has_a_public_id_the_defaults_and_a_snippet_naming_its_script()
    {
        var (api, survey) = await CompanyAsync();

        var widget = await WidgetApi.CreateAsync(api, survey, new { allowedOrigins = new[] { "https://Shop.Example/" }, pathPatterns = new[] { "/checkout" } });

        var id = widget.GetProperty("id").GetString()!;
        Assert.Matches("^wgt_[A-Za-z0-9]{20}$", id);
        Assert.DoesNotContain("nps_live_", id);
        Assert.Equal(["https://shop.example"], widget.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("popup", widget.GetProperty("display").GetString());
        Assert.Equal(100, widget.GetProperty("samplingPercent").GetInt32());
        Assert.True(widget.GetProperty("enabled").GetBoolean());
        Assert.Contains($"/w/{id}.js\" async></script>", widget.GetProperty("snippet").GetString());
        var listed = await (await api.GetAsync($"/api/v1/surveys/{survey}/widgets")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var read = await (await api.GetAsync($"/api/v1/widgets/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(survey, read.GetProperty("surveyId").GetGuid());
    }

    [Theory]
    [InlineData("""{"allowedOrigins":["http://shop.example"]}""", "allowedOrigins[0]")]
    [InlineData("""{"allowedOrigins":["https://shop.example","https://shop.example/path"]}""", "allowedOrigins[1]")]
    [InlineData("""{"allowedOrigins":["*"]}""", "allowedOrigins[0]")]
    [InlineData("""{"allowedOrigins":["https://user@shop.example"]}""", "allowedOrigins[0]")]
    [InlineData("""{"display":"modal"}""", "display")]
    [InlineData("""{"pathPatterns":["checkout"]}""", "pathPatterns[0]")]
    [InlineData("""{"pathPatterns":["/a b"]}""", "pathPatterns[0]")]
    [InlineData("""{"delaySeconds":601}""", "delaySeconds")]
    [InlineData("""{"samplingPercent":0}""", "samplingPercent")]
    [InlineData("""{"snoozeDaysAfterDismiss":-1}""", "snoozeDaysAfterDismiss")]
    [InlineData("""{"samplingPercent":"half"}""", "samplingPercent")]
    [InlineData("""{"inlineSelector":"#a\u0000"}""", "inlineSelector")]
    public async Task Bad_settings_are_a_400_naming_the_field_and_create_nothing(string body, string field)
    {
        var (api, survey) = await CompanyAsync();

        var answer = await api.PostAsync($"/api/v1/surveys/{survey}/widgets", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await answer.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var listed = await (await api.GetAsync($"/api/v1/surveys/{survey}/widgets")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Too_many_origins_are_refused()
    {
        var (api, survey) = await CompanyAsync();
        var origins = Enumerable.Range(1, 21).Select(n => $"https://shop{n}.example").ToArray();

        var problem = await WidgetApi.CreateAsync(api, survey, new { allowedOrigins = origins }, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("allowedOrigins", out _), problem.ToString());
    }

    [Fact]
    public async Task A_change_replaces_the_fields_it_names_and_keeps_the_others()
    {
        var (api, survey) = await CompanyAsync();
        var id = (await WidgetApi.CreateAsync(api, survey, new { allowedOrigins = new[] { WidgetApi.Shop }, delaySeconds = 10 })).GetProperty("id").GetString();

        var changed = await (await api.PatchAsJsonAsync($"/api/v1/widgets/{id}", new { display = "inline", inlineSelector = "#nps", samplingPercent = 25, enabled = false }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("inline", changed.GetProperty("display").GetString());
        Assert.Equal("#nps", changed.GetProperty("inlineSelector").GetString());
        Assert.Equal(25, changed.GetProperty("samplingPercent").GetInt32());
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.Equal(10, changed.GetProperty("delaySeconds").GetInt32());
        Assert.Equal([WidgetApi.Shop], changed.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        var bad = await (await api.PatchAsJsonAsync($"/api/v1/widgets/{id}", new { allowedOrigins = new[] { "ftp://shop.example" } })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("allowedOrigins[0]", out _), bad.ToString());
    }

    [Fact]
    public async Task Another_tenants_widget_and_survey_are_not_found()
    {
        var (api, survey) = await CompanyAsync();
        var (other, _) = await CompanyAsync();
        var id = (await WidgetApi.CreateAsync(api, survey)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/widgets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PatchAsJsonAsync($"/api/v1/widgets/{id}", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/widgets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/surveys/{survey}/widgets")).StatusCode);
        await WidgetApi.CreateAsync(other, survey, expected: HttpStatusCode.NotFound);
        Assert.True((await (await api.GetAsync($"/api/v1/widgets/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Creating_twice_with_one_idempotency_key_makes_one_widget()
    {
        var (api, survey) = await CompanyAsync();
        var key = Guid.NewGuid().ToString();
        async Task<JsonElement> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{survey}/widgets") { Content = JsonContent.Create(new { allowedOrigins = new[] { WidgetApi.Shop } }) };
            request.Headers.Add("Idempotency-Key", key);
            return await (await api.SendAsync(request)).JsonAsync(HttpStatusCode.Created);
        }

        var first = await CreateAsync();
        var second = await CreateAsync();

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        var listed = await (await api.GetAsync($"/api/v1/surveys/{survey}/widgets")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_deleted_widget_is_gone_and_its_script_is_not_found()
    {
        var (api, survey) = await CompanyAsync();
        var id = (await WidgetApi.CreateAsync(api, survey)).GetProperty("id").GetString();
        var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/w/{id}.js")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/widgets/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/widgets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/widgets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/w/{id}.js")).StatusCode);
    }
}
