using System.Net;
using System.Net.Http.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// A page someone may not open answers 403 and says so, a missing page (or another department's) answers 404
/// and says that, each with its real status and in the reader's language; the API keeps problem+json.
/// </summary>
public sealed class StatusPagesTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    [Fact]
    public async Task A_page_the_role_does_not_include_answers_403_with_a_page_saying_so_instead_of_redirecting()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var viewer = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, fixture.App.WithKey(owner.ApiKey), "Viewer");

        var refused = await viewer.Browser.GetAsync("/app/users");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<h1>You do not have access to this page</h1>", page);
        Assert.Contains("<title>You do not have access to this page · NpsCloud</title>", page);

        using var turkish = new HttpRequestMessage(HttpMethod.Get, "/app/api-keys") { Headers = { { "Accept-Language", "tr" } } };
        var inTurkish = await viewer.Browser.SendAsync(turkish);
        Assert.Equal(HttpStatusCode.Forbidden, inTurkish.StatusCode);
        Assert.Contains("Bu sayfaya erişiminiz yok", await inTurkish.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_departments_page_answers_404_with_the_not_found_page_for_a_department_head()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(owner.ApiKey);
        var own = (await (await api.PostAsJsonAsync("/api/v1/departments", new { name = "Support" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var other = (await (await api.PostAsJsonAsync("/api/v1/departments", new { name = "Billing" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var head = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, api, "DepartmentHead", own);

        Assert.Equal(HttpStatusCode.OK, (await head.Browser.GetAsync($"/departments/{own}")).StatusCode);
        var refused = await head.Browser.GetAsync($"/departments/{other}");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<h1>We could not find that page</h1>", page);
        Assert.DoesNotContain("Something went wrong", page);
        Assert.DoesNotContain("Billing", page);
    }

    [Fact]
    public async Task A_missing_page_answers_404_in_the_readers_language_and_a_missing_api_address_stays_problem_json()
    {
        using var turkish = new HttpRequestMessage(HttpMethod.Get, "/no-such-page") { Headers = { { "Accept-Language", "tr" } } };
        var page = await fixture.App.CreateClient().SendAsync(turkish);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("<h1>Bu sayfayı bulamadık</h1>", await page.Content.ReadAsStringAsync());

        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = await fixture.App.WithKey(owner.ApiKey).GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("<h1>", await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_signing_in_a_department_head_starts_on_their_department_and_a_viewer_on_the_dashboard()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(owner.ApiKey);
        var own = (await (await api.PostAsJsonAsync("/api/v1/departments", new { name = "Support" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var head = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, api, "DepartmentHead", own);
        var viewer = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, api, "Viewer");

        var login = await PeopleApi.LogInAsync(fixture.App, head.Email, PeopleApi.Password);
        Assert.Equal("/app/start", login.Headers.Location?.OriginalString);
        Assert.Equal($"/departments/{own}", (await head.Browser.GetAsync("/app/start")).Headers.Location?.OriginalString);
        Assert.Equal($"/app/start", (await head.Browser.GetAsync("/app")).Headers.Location?.OriginalString);
        Assert.Equal("/dashboard", (await viewer.Browser.GetAsync("/app/start")).Headers.Location?.OriginalString);
        // A new company has its setup ahead of it: the owner starts on the checklist.
        var owners = await PeopleApi.SignedInAsync(fixture.App, owner.Email, owner.Password);
        Assert.Equal("/app", (await owners.GetAsync("/app/start")).Headers.Location?.OriginalString);
    }
}
