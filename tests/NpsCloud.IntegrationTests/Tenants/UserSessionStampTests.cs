using System.Net;
using System.Net.Http.Json;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>
/// A change to a person rotates their security stamp, so a session issued before it is refused. Sessions are
/// checked against the stamp every 5 minutes (SecurityStampValidatorOptions.ValidationInterval), so the test
/// moves the host's clock past that interval rather than waiting; the session is otherwise still valid.
/// </summary>
public sealed class UserSessionStampTests(UserSessionStampTests.Fixture fixture) : IClassFixture<UserSessionStampTests.Fixture>
{
    [Fact]
    public async Task A_role_change_ends_the_persons_existing_session_and_their_next_sign_in_has_the_new_role()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(owner.ApiKey);
        var admin = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, api, "Admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.GetAsync("/app/users")).StatusCode);
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.GetAsync("/app/users")).StatusCode); // checked against an unchanged stamp: still in

        await (await api.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new { role = "Viewer" })).JsonAsync(HttpStatusCode.OK);
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(6));

        var refused = await admin.Browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/login", refused.Headers.Location?.AbsolutePath);
        var again = await PeopleApi.SignedInAsync(fixture.App, admin.Email, PeopleApi.Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/app/users")).StatusCode); // a viewer does not manage people
    }

    [Fact]
    public async Task Deactivation_ends_the_persons_existing_session()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(owner.ApiKey);
        var viewer = await PeopleApi.JoinAsync(fixture.App, fixture.Smtp, api, "Viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.Browser.GetAsync("/dashboard")).StatusCode);

        await (await api.PostAsync($"/api/v1/users/{viewer.Id}/deactivate", null)).JsonAsync(HttpStatusCode.OK);
        fixture.App.Clock!.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("/login", (await viewer.Browser.GetAsync("/dashboard")).Headers.Location?.AbsolutePath);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithFakeClock(DateTimeOffset.UtcNow);
    }
}
