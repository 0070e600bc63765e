using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Visibility;

/// <summary>Who may head a department, what a limited caller may do with its own department, and idempotency keys per credential.</summary>
public sealed partial class DepartmentRulesTests(DepartmentRulesTests.Fixture fixture) : IClassFixture<DepartmentRulesTests.Fixture>
{
    private DepartmentWorld World => fixture.World;

    [Fact]
    public async Task A_departments_head_must_be_an_owner_an_admin_or_a_head_of_that_department_never_a_viewer_or_another_departments_head()
    {
        var otherHead = await (await World.Owner.PatchAsJsonAsync($"/api/v1/departments/{World.Billing.Id}", new { headUserId = World.HeadId }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(otherHead.GetProperty("errors").TryGetProperty("headUserId", out _), otherHead.ToString());

        var viewer = await InviteAsync("Viewer");
        var asViewer = await (await World.Owner.PatchAsJsonAsync($"/api/v1/departments/{World.Support.Id}", new { headUserId = viewer }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(asViewer.GetProperty("errors").TryGetProperty("headUserId", out _), asViewer.ToString());
        var created = await (await World.Owner.PostAsJsonAsync("/api/v1/departments", new { name = "Satış", headUserId = World.HeadId }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(created.GetProperty("errors").TryGetProperty("headUserId", out _), created.ToString());

        var admin = await InviteAsync("Admin");
        var byAdmin = await (await World.Owner.PatchAsJsonAsync($"/api/v1/departments/{World.Billing.Id}", new { headUserId = admin })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(admin, byAdmin.GetProperty("headUserId").GetGuid());
        await (await World.Owner.PatchAsJsonAsync($"/api/v1/departments/{World.Billing.Id}", new { headUserId = World.OwnerId })).JsonAsync(HttpStatusCode.OK);
        var support = await (await World.Owner.GetAsync($"/api/v1/departments/{World.Support.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(World.HeadId, support.GetProperty("headUserId").GetGuid());
    }

    [Fact]
    public async Task A_limited_key_sees_only_its_own_department_and_cannot_rename_it_or_change_its_head()
    {
        var listed = await (await World.SupportKey.GetAsync("/api/v1/departments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([World.Support.Id], listed.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));

        var rename = await (await World.SupportKey.PatchAsJsonAsync($"/api/v1/departments/{World.Support.Id}", new { name = "Destek 2" })).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("department_limited", rename.GetProperty("code").GetString());
        await (await World.SupportKey.PatchAsJsonAsync($"/api/v1/departments/{World.Support.Id}", new { headUserId = World.OwnerId })).JsonAsync(HttpStatusCode.Forbidden);
        await (await World.SupportKey.DeleteAsync($"/api/v1/departments/{World.Support.Id}")).JsonAsync(HttpStatusCode.Forbidden);

        var support = await (await World.Owner.GetAsync($"/api/v1/departments/{World.Support.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Destek", support.GetProperty("name").GetString());
        Assert.Equal(World.HeadId, support.GetProperty("headUserId").GetGuid());
    }

    [Fact]
    public async Task A_limited_key_answers_and_surveys_in_its_own_department_and_sees_the_contacts_its_surveys_reach()
    {
        var email = $"new-support-customer-{Guid.NewGuid():N}@example.test";
        var recorded = await ResponseApi.RecordAsync(World.SupportKey, new { surveyId = World.Support.Survey, email, score = 9 });
        Assert.Equal(World.Support.Id, recorded.GetProperty("departmentId").GetGuid());

        // Billing's customer, surveyed by Support too, becomes Support's to see; their name stays as Billing had it.
        // (Billing surveyed the person moments ago, so the request is throttled: 200, and still recorded.)
        var requested = await World.SupportKey.PostAsJsonAsync($"/api/v1/surveys/{World.Support.Survey}/requests",
            new { email = World.Billing.ContactEmail, name = "Renamed by Support", delaySeconds = 3600 });
        Assert.True(requested.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, await requested.Content.ReadAsStringAsync());
        var contact = await (await World.SupportKey.GetAsync($"/api/v1/contacts/{World.Billing.Contact}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("billing-customer", contact.GetProperty("name").GetString());

        var contacts = await World.SupportKey.GetStringAsync("/api/v1/contacts");
        Assert.Contains(World.Support.ContactEmail, contacts);
        Assert.Contains(World.Billing.ContactEmail, contacts);
        Assert.DoesNotContain(World.Billing.Comment, await World.SupportKey.GetStringAsync("/api/v1/responses"));
    }

    [Fact]
    public async Task A_limited_key_files_a_new_survey_under_its_own_department_and_cannot_move_one_out()
    {
        var nowhere = await (await World.SupportKey.PostAsJsonAsync("/api/v1/surveys", new { name = "No department", kind = "transactional", locale = "en" }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(nowhere.GetProperty("errors").TryGetProperty("departmentId", out _), nowhere.ToString());

        var own = (await (await World.SupportKey.PostAsJsonAsync("/api/v1/surveys", new { name = "Support callback", kind = "transactional", locale = "en", departmentId = World.Support.Id }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await World.SupportKey.PatchAsJsonAsync($"/api/v1/surveys/{own}", new { departmentId = World.Billing.Id })).JsonAsync(HttpStatusCode.NotFound);
        await (await World.SupportKey.PatchAsJsonAsync($"/api/v1/surveys/{own}", new { departmentId = (Guid?)null })).JsonAsync(HttpStatusCode.BadRequest);

        var survey = await (await World.Owner.GetAsync($"/api/v1/surveys/{own}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(World.Support.Id, survey.GetProperty("departmentId").GetGuid());
    }

    [Fact]
    public async Task An_idempotency_key_belongs_to_the_credential_that_sent_it()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { surveyId = World.Billing.Survey, email = $"replay-{Guid.NewGuid():N}@example.test", score = 0, comment = "Billing's answer, keyed." };
        var first = await SendKeyedAsync(World.Owner, key, body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (await first.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var again = await SendKeyedAsync(World.Owner, key, body);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstId, (await again.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());

        // Support's key sends the same key and body: not Billing's answer replayed, but its own request, refused.
        var bySupport = await SendKeyedAsync(World.SupportKey, key, body);
        Assert.False(bySupport.Headers.Contains("Idempotent-Replayed"));
        var refused = await bySupport.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, bySupport.StatusCode);
        Assert.DoesNotContain(firstId.ToString(), refused);

        // Another company-wide key of the same company: its own request, not the owner key's answer.
        var otherKey = fixture.App.WithKey(await TenantApi.CreateKeyAsync(World.Owner, "read", "write"));
        var byOther = await SendKeyedAsync(otherKey, key, body);
        Assert.False(byOther.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(firstId, (await byOther.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
    }

    private static Task<HttpResponseMessage> SendKeyedAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<Guid> InviteAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await (await World.Owner.PostAsJsonAsync("/api/v1/users/invitations", new { email, role })).JsonAsync(HttpStatusCode.Created);
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), $"the {role}'s invitation");
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var accepted = await TenantApi.PostFormAsync(browser, new Uri(AcceptLink().Match(invitation.TextBody!).Value).PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = role + " Person", ["Form.Password"] = "a long enough password" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return (await (await World.Owner.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    public sealed class Fixture : SmtpAppFixture
    {
        public DepartmentWorld World { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            World = await DepartmentWorld.CreateAsync(App, Smtp);
        }
    }
}
