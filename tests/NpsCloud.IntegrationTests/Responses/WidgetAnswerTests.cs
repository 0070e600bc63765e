using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>
/// Answers through the web widget, as a visitor's browser sends them: only from the widget's origins (CORS),
/// recorded with channel widget and no invitation, the comment added through a signed handle, and counted
/// and followed up like any other answer. Also the served script: its settings and its size.
/// </summary>
public sealed class WidgetAnswerTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Api, Guid Survey, string Widget)> CompanyAsync(object? settings = null)
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(api, new { touchpoint = "website" });
        var widget = (await WidgetApi.CreateAsync(api, survey, settings)).GetProperty("id").GetString()!;
        return (api, survey, widget);
    }

    [Fact]
    public async Task An_answer_from_an_allowed_origin_is_recorded_on_the_widget_channel_with_the_visitors_contact_and_properties()
    {
        var (api, survey, widget) = await CompanyAsync();
        var visitor = fixture.App.CreateClient();

        var answer = await WidgetApi.AnswerAsync(visitor, widget, new { score = 9, locale = "en", email = "Selin@Example.test", name = "Selin", properties = new { plan = "pro", orders = 3 } });

        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal(WidgetApi.Shop, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", answer.Headers.Vary);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("promoter", body.GetProperty("category").GetString());
        var recorded = Assert.Single(await ResponseApi.ListAsync(api));
        Assert.Equal("widget", recorded.GetProperty("channel").GetString());
        Assert.Equal(survey, recorded.GetProperty("surveyId").GetGuid());
        Assert.Equal(9, recorded.GetProperty("score").GetInt32());
        Assert.Equal("website", recorded.GetProperty("touchpoint").GetString());
        Assert.Equal("Selin@Example.test", recorded.GetProperty("contact").GetProperty("email").GetString(), ignoreCase: true);
        // The name the site identified the visitor by names the new contact.
        var contact = await (await api.GetAsync($"/api/v1/contacts/{recorded.GetProperty("contact").GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Selin", contact.GetProperty("name").GetString());
        Assert.Equal("pro", recorded.GetProperty("properties").GetProperty("plan").GetString());
        Assert.Equal(3, recorded.GetProperty("properties").GetProperty("orders").GetInt32());
        Assert.True(recorded.TryGetProperty("invitationId", out var invitation) is false || invitation.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task An_answer_from_another_origin_or_without_one_is_refused_and_records_nothing()
    {
        var (api, _, widget) = await CompanyAsync();
        var visitor = fixture.App.CreateClient();

        var foreign = await WidgetApi.AnswerAsync(visitor, widget, new { score = 3 }, origin: "https://evil.example");
        var none = await WidgetApi.AnswerAsync(visitor, widget, new { score = 3 }, origin: null);
        var lookalike = await WidgetApi.AnswerAsync(visitor, widget, new { score = 3 }, origin: "https://shop.example.evil.example");

        foreach (var refused in new[] { foreign, none, lookalike })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        }

        Assert.Empty(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task The_preflight_allows_the_widgets_origins_only()
    {
        var (_, _, widget) = await CompanyAsync();
        var visitor = fixture.App.CreateClient();
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, $"/w/{widget}/answers");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type");
            return await visitor.SendAsync(request);
        }

        var allowed = await PreflightAsync(WidgetApi.Shop);
        var refused = await PreflightAsync("https://evil.example");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(WidgetApi.Shop, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("Content-Type", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Origin", allowed.Headers.Vary);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_comment_is_added_to_the_same_answer_through_its_handle_and_a_forged_handle_changes_nothing()
    {
        var (api, _, widget) = await CompanyAsync();
        var visitor = fixture.App.CreateClient();
        var handle = (await (await WidgetApi.AnswerAsync(visitor, widget, new { score = 8 })).JsonAsync(HttpStatusCode.Created)).GetProperty("handle").GetString()!;

        var added = await WidgetApi.PostAsync(visitor, $"/w/{widget}/answers/comment", WidgetApi.Shop, JsonSerializer.Serialize(new { handle, comment = "  Fast delivery.  " }));
        var forged = await WidgetApi.PostAsync(visitor, $"/w/{widget}/answers/comment", WidgetApi.Shop, JsonSerializer.Serialize(new { handle = handle[..^4] + "AAAA", comment = "Forged" }));
        var guessed = await WidgetApi.PostAsync(visitor, $"/w/{widget}/answers/comment", WidgetApi.Shop, JsonSerializer.Serialize(new { handle = Guid.NewGuid().ToString(), comment = "Guessed" }));

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        foreach (var refused in new[] { forged, guessed })
        {
            var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("handle", out _), problem.ToString());
        }

        var recorded = Assert.Single(await ResponseApi.ListAsync(api));
        Assert.Equal("Fast delivery.", recorded.GetProperty("comment").GetString());
        Assert.Equal(8, recorded.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task Another_widgets_handle_is_refused()
    {
        var (api, survey, widget) = await CompanyAsync();
        var second = (await WidgetApi.CreateAsync(api, survey)).GetProperty("id").GetString();
        var visitor = fixture.App.CreateClient();
        var handle = (await (await WidgetApi.AnswerAsync(visitor, widget, new { score = 8 })).JsonAsync(HttpStatusCode.Created)).GetProperty("handle").GetString()!;

        var crossed = await WidgetApi.PostAsync(visitor, $"/w/{second}/answers/comment", WidgetApi.Shop, JsonSerializer.Serialize(new { handle, comment = "Crossed" }));

        await crossed.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(JsonValueKind.Null, Assert.Single(await ResponseApi.ListAsync(api)).GetProperty("comment").ValueKind);
    }

    [Theory]
    [InlineData("""{"score":11}""", "score")]
    [InlineData("""{}""", "score")]
    [InlineData("""{"score":"7"}""", "score")]
    [InlineData("""{"score":7,"email":"not an address"}""", "email")]
    [InlineData("""{"score":7,"properties":{"nested":{"a":1}}}""", "properties")]
    [InlineData("""{"score":7,"score":8}""", "body")]
    [InlineData("""{"score":7,"name":"a\u0000b"}""", "name")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""not json""", "body")]
    public async Task Bad_input_is_a_400_naming_the_field_and_records_nothing(string json, string field)
    {
        var (api, _, widget) = await CompanyAsync();

        var answer = await WidgetApi.PostAsync(fixture.App.CreateClient(), $"/w/{widget}/answers", WidgetApi.Shop, json);

        var problem = await answer.JsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _) || field == "body" && errors.EnumerateObject().Any(), problem.ToString());
        Assert.Equal(WidgetApi.Shop, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Empty(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task A_comment_longer_than_the_limit_is_refused()
    {
        var (api, _, widget) = await CompanyAsync();

        var answer = await WidgetApi.AnswerAsync(fixture.App.CreateClient(), widget, new { score = 5, comment = new string('a', 5001) });

        var problem = await answer.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("comment", out _), problem.ToString());
        Assert.Empty(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task A_disabled_widget_refuses_answers_and_its_script_shows_nothing()
    {
        var (api, _, widget) = await CompanyAsync();
        await (await api.PatchAsJsonAsync($"/api/v1/widgets/{widget}", new { enabled = false })).JsonAsync(HttpStatusCode.OK);
        var visitor = fixture.App.CreateClient();

        var answer = await WidgetApi.AnswerAsync(visitor, widget, new { score = 10 });
        var script = await visitor.GetStringAsync($"/w/{widget}.js");

        var problem = await answer.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("widget_off", problem.GetProperty("code").GetString());
        Assert.Contains("\"live\":false", script);
        Assert.DoesNotContain("\"answers\"", script);
        Assert.Empty(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task An_unknown_widget_is_not_found()
    {
        var visitor = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await WidgetApi.AnswerAsync(visitor, "wgt_AAAAAAAAAAAAAAAAAAAA", new { score = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await WidgetApi.AnswerAsync(visitor, "nps_live_x", new { score = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/w/wgt_AAAAAAAAAAAAAAAAAAAA.js")).StatusCode);
    }

    [Fact]
    public async Task A_detractors_widget_answer_opens_a_follow_up_and_counts_in_the_score_but_not_as_an_invitation_answer()
    {
        var (api, survey, widget) = await CompanyAsync();

        var answer = await WidgetApi.AnswerAsync(fixture.App.CreateClient(), widget, new { score = 2, email = "upset@example.test" });

        Assert.Equal("detractor", (await answer.JsonAsync(HttpStatusCode.Created)).GetProperty("category").GetString());
        var response = Assert.Single(await ResponseApi.ListAsync(api)).GetProperty("id").GetGuid();
        await FollowUpApi.WaitForCaseAsync(api, response);
        var stats = await (await api.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, stats.GetProperty("responded").GetInt32());
    }

    [Fact]
    public async Task The_served_script_carries_the_public_settings_and_is_under_15_kb_gzipped()
    {
        var (_, _, widget) = await CompanyAsync(new { allowedOrigins = new[] { WidgetApi.Shop }, pathPatterns = new[] { "/checkout" }, delaySeconds = 3 });
        var visitor = fixture.App.CreateClient();

        var served = await visitor.GetAsync($"/w/{widget}.js");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains($"\"id\":\"{widget}\"", text);
        Assert.Contains("\"paths\":[\"/checkout\"]", text);
        Assert.Contains("\"origins\":[\"https://shop.example\"]", text);
        Assert.DoesNotContain("/*npscloud:config*/", text);
        Assert.DoesNotContain("eval(", text);
        Assert.DoesNotContain("new Function", text);
        Assert.DoesNotContain("cookie", text, StringComparison.OrdinalIgnoreCase);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) await gzip.WriteAsync(bytes);
        Assert.True(compressed.Length < 15360, $"The widget script is {compressed.Length} bytes gzipped.");
    }

    [Fact]
    public async Task Answers_are_rate_limited_per_widget_and_client()
    {
        var (api, _, widget) = await CompanyAsync();
        var visitor = fixture.App.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++) statuses.Add((await WidgetApi.AnswerAsync(visitor, widget, new { score = 7 })).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(20, (await ResponseApi.ListAsync(api, "?limit=100")).Count);
    }
}
