using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

public sealed class HostEndpointsTests(HostEndpointsTests.Fixture fixture) : IClassFixture<HostEndpointsTests.Fixture>
{
    private readonly HttpClient _client = fixture.App.CreateClient();

    [Fact]
    public async Task Liveness_answers_at_once()
    {
        var response = await _client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_scheduler_healthy()
    {
        await Poll.UntilAsync(async () => (await _client.GetAsync("/health/ready")).IsSuccessStatusCode, "the host to become ready");

        using var report = JsonDocument.Parse(await _client.GetStringAsync("/health/ready"));
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_is_a_valid_openapi_3_document()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var result = await OpenApiDocument.LoadAsync(await response.Content.ReadAsStreamAsync(), "json", new OpenApiReaderSettings());

        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.StartsWith("3.", result.Diagnostic!.SpecificationVersion.ToString().Replace("OpenApi", "").Replace("_", "."));
        Assert.Equal("NpsCloud API", result.Document!.Info.Title);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_key_scheme_on_every_protected_operation()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = root.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/tenant").GetProperty("get").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/api/v1/departments").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/v1/signup").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_openapi_document_offers_the_idempotency_key_where_it_is_honoured()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        static bool HasKey(JsonElement operation) => operation.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");

        Assert.True(HasKey(paths.GetProperty("/api/v1/responses").GetProperty("post")));
        Assert.False(HasKey(paths.GetProperty("/api/v1/responses").GetProperty("get")));
    }

    [Fact]
    public async Task The_interactive_api_reference_is_served_at_docs()
    {
        var html = await _client.GetStringAsync("/docs/index.html");

        Assert.Contains("swagger-ui", html);
        Assert.Contains("/openapi/v1.json", await _client.GetStringAsync("/docs/index.js"));
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_api_client_that_asks_for_html_still_gets_problem_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_html_404()
    {
        var response = await _client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_field()
    {
        var response = await _client.PostAsync("/api/v1/test/echo",
            new StringContent("""{"score": "ten"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("score", out _));
    }

    [Fact]
    public async Task A_validation_failure_is_a_400_problem_with_errors_per_field()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/test/echo", new { score = 11 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Score must be between 0 and 10.", problem.RootElement.GetProperty("errors").GetProperty("score")[0].GetString());
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_problem_with_a_trace_id_and_no_internals()
    {
        var response = await _client.GetAsync("/api/v1/test/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Password=", body);
        Assert.DoesNotContain("   at ", body);
        using var problem = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Pages_follow_accept_language_and_the_language_cookie_overrides_it()
    {
        using var turkish = new HttpRequestMessage(HttpMethod.Get, "/");
        turkish.Headers.AcceptLanguage.ParseAdd("tr-TR,tr;q=0.9,en;q=0.5");
        Assert.Contains("Müşterilerinizin sizi önerme olasılığını", await (await _client.SendAsync(turkish)).Content.ReadAsStringAsync());

        using var cookieWins = new HttpRequestMessage(HttpMethod.Get, "/");
        cookieWins.Headers.AcceptLanguage.ParseAdd("tr-TR");
        cookieWins.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        Assert.Contains("Know how likely your customers are to recommend you", await (await _client.SendAsync(cookieWins)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_without_its_antiforgery_token()
    {
        var response = await _client.PostAsync("/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "tr",
            ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture")));
    }

    /// <summary>The host with a few test-only API endpoints, mapped behind its real error handling.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            app.WithServices(services => services.AddSingleton<IApiEndpoints, TestEndpoints>());
    }

    private sealed class TestEndpoints : IApiEndpoints
    {
        public void Map(IEndpointRouteBuilder api)
        {
            api.MapGet("/test/boom", string () => throw new InvalidOperationException("Host=db;Password=secret failed")).AllowAnonymous();
            api.MapPost("/test/echo", (EchoBody body) => body.Score is < 0 or > 10
                ? throw new RequestValidationException("score", "Score must be between 0 and 10.")
                : body).AllowAnonymous();
        }
    }

    public sealed record EchoBody(int Score);
}
