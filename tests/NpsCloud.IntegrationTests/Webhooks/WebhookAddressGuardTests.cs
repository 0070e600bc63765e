using System.Net;
using System.Net.Http.Json;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>The address guard as shipped (private addresses not allowed): refused when the endpoint is created, and again when connecting.</summary>
public sealed class WebhookAddressGuardTests(WebhookAddressGuardTests.Fixture fixture) : IClassFixture<WebhookAddressGuardTests.Fixture>
{
    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:192.168.0.1]/hook")]
    [InlineData("http://example.com/hook")] // plain http only where private receivers are allowed
    public async Task A_private_literal_address_or_plain_http_is_refused_at_create_time_naming_url(string url)
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

        var problem = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "response.created" } })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting_and_recorded_as_address_not_allowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        // "localhost" is a name, so creating it passes; it resolves to 127.0.0.1 (or ::1) when connecting.
        var url = $"https://localhost:{new Uri(receiver.BaseUrl).Port}/hook";
        var endpoint = await WebhookApi.CreateAsync(api, url, "response.created");

        await ResponseApi.RecordAsync(api, new { surveyId = await SurveyApi.ActiveTransactionalAsync(api), email = "guarded@example.test", score = 10 });

        var detail = await WebhookApi.WaitForAttemptsAsync(api, endpoint.Id, 1);
        var attempt = detail.GetProperty("attempts")[0];
        Assert.StartsWith("address not allowed", attempt.GetProperty("error").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.Equal("pending", WebhookApi.StatusOf(detail)); // a failure like any other: retried on the schedule
        Assert.Empty(receiver.At(url));
    }

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Webhooks:PollInterval", "00:00:00.100");
    }
}
