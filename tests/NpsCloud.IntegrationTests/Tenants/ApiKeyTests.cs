using System.Net;
using System.Net.Http.Json;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

public sealed class ApiKeyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_revoked_key_is_refused_from_the_next_request_on()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "CRM", scopes = new[] { "read" } })).JsonAsync(HttpStatusCode.Created);
        var key = fixture.App.WithKey(created.GetProperty("key").GetString()!);
        await (await key.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);

        await (await admin.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.NoContent);

        var refused = await key.GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_read_key_reads_but_cannot_write_and_a_write_key_cannot_administer()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var reader = fixture.App.WithKey(await TenantApi.CreateKeyAsync(admin, "read"));
        var writer = fixture.App.WithKey(await TenantApi.CreateKeyAsync(admin, "write"));

        await (await reader.GetAsync("/api/v1/departments")).JsonAsync(HttpStatusCode.OK);
        var forbidden = await (await reader.PostAsJsonAsync("/api/v1/departments", new { name = "Nope" })).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("insufficient_scope", forbidden.GetProperty("code").GetString());

        await TenantApi.CreateDepartmentAsync(writer, "Allowed");
        await (await writer.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "admin" } })).JsonAsync(HttpStatusCode.Forbidden);
        await (await writer.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("nps_live_")]
    [InlineData("nps_live_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sk_live_something_else")]
    public async Task Unknown_or_malformed_keys_get_a_401_problem(string key)
    {
        var response = await fixture.App.WithKey(key).GetAsync("/api/v1/tenant");

        var problem = await response.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_key_with_a_tampered_secret_is_refused()
    {
        var key = (await TenantApi.SignUpAsync(fixture.App)).ApiKey;
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.WithKey(tampered).GetAsync("/api/v1/tenant")).StatusCode);
    }

    [Fact]
    public async Task The_list_shows_prefixes_scopes_and_last_use_but_never_a_secret()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);
        var admin = fixture.App.WithKey(signedUp.ApiKey);
        await admin.GetAsync("/api/v1/tenant");

        var body = await (await admin.GetAsync("/api/v1/api-keys")).Content.ReadAsStringAsync();
        var keys = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("items");

        var first = Assert.Single(keys.EnumerateArray());
        Assert.Equal(signedUp.ApiKey[..17], first.GetProperty("prefix").GetString());
        Assert.Equal(["admin"], first.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, first.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(signedUp.ApiKey[17..], body);
        Assert.False(first.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task A_browser_session_of_another_tenant_sent_along_with_a_key_is_ignored_by_the_api()
    {
        var a = await TenantApi.SignUpAsync(fixture.App);
        var b = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = a.Email, ["Form.Password"] = a.Password });
        browser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", b.ApiKey);

        var tenant = await (await browser.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(b.TenantId, tenant.GetProperty("id").GetGuid());
        browser.DefaultRequestHeaders.Authorization = null;
        await (await browser.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Scopes_outside_read_write_admin_are_a_400()
    {
        var admin = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

        var problem = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "root" } })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _));
    }
}
