using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>Brings people into a company the way it happens (an invitation, its emailed link, a password) and drives the users page.</summary>
public static partial class PeopleApi
{
    public const string Password = "a person's own passphrase";

    public sealed record Person(Guid Id, string Email, HttpClient Browser);

    public static HttpClient Browser(NpsAppFactory app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Invites a person with the role, accepts by the emailed link, and answers them signed in.</summary>
    public static async Task<Person> JoinAsync(NpsAppFactory app, SmtpSink smtp, HttpClient api, string role, params Guid[] departmentIds)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await (await api.PostAsJsonAsync("/api/v1/users/invitations", new { email, role, departmentIds })).JsonAsync(HttpStatusCode.Created);
        var link = await InvitationLinkAsync(smtp, email);
        var browser = Browser(app);
        var accepted = await TenantApi.PostFormAsync(browser, link.PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = $"{role} Person", ["Form.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var users = await (await api.GetAsync("/api/v1/users?limit=100")).JsonAsync(HttpStatusCode.OK);
        var id = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        return new Person(id, email, browser);
    }

    public static async Task<Uri> InvitationLinkAsync(SmtpSink smtp, string email)
    {
        var mail = await smtp.WaitForAsync(m => m.To.Contains(email), "the invitation email");
        return new Uri(AcceptLink().Match(mail.TextBody!).Value);
    }

    public static async Task<HttpResponseMessage> LogInAsync(NpsAppFactory app, string email, string password) =>
        await TenantApi.PostFormAsync(Browser(app), "/login", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });

    public static async Task<HttpClient> SignedInAsync(NpsAppFactory app, string email, string password)
    {
        var browser = Browser(app);
        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    public static async Task<JsonElement> UserAsync(HttpClient api, Guid id) => await (await api.GetAsync($"/api/v1/users/{id}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Confirms an action on the users page: opens its confirmation (for the antiforgery token) and posts it.</summary>
    public static Task<HttpResponseMessage> ConfirmOnPageAsync(HttpClient browser, string act, Guid id, string handler, IDictionary<string, string>? fields = null) =>
        TenantApi.PostFormAsync(browser, $"/app/users?act={act}&id={id}", fields ?? new Dictionary<string, string>(), $"/app/users?handler={handler}&id={id}");

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();
}
