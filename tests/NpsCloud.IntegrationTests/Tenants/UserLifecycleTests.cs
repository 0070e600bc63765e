using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>People's whole lifecycle through the API and the users page: roles, departments, deactivation, removal, invitations, ownership, keys.</summary>
public sealed class UserLifecycleTests(UserLifecycleTests.Fixture fixture) : IClassFixture<UserLifecycleTests.Fixture>
{
    private NpsAppFactory App => fixture.App;

    private async Task<(TenantApi.SignedUp Owner, HttpClient Api, Guid OwnerId)> CompanyAsync()
    {
        var owner = await TenantApi.SignUpAsync(App);
        var api = App.WithKey(owner.ApiKey);
        var ownerId = (await (await api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        return (owner, api, ownerId);
    }

    private Task<string> StampAsync(Guid userId) => fixture.Database.ScalarAsAdminAsync<string>($"select security_stamp from tenants.users where id = '{userId}'");

    private async Task<Guid?> HeadOfAsync(HttpClient api, Guid department)
    {
        var found = await (await api.GetAsync($"/api/v1/departments/{department}")).JsonAsync(HttpStatusCode.OK);
        return found.GetProperty("headUserId").ValueKind == JsonValueKind.Null ? null : found.GetProperty("headUserId").GetGuid();
    }

    private static async Task RefusesHeadAsync(HttpResponseMessage response)
    {
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("headUserId", out _));
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Changing_a_heads_departments_or_role_rotates_their_stamp_and_the_departments_they_may_no_longer_see_lose_them_as_head()
    {
        var (_, api, _) = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var sales = await TenantApi.CreateDepartmentAsync(api, "Satış");
        var head = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "DepartmentHead", support, sales);
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = head.Id })).JsonAsync(HttpStatusCode.OK);
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{sales}", new { headUserId = head.Id })).JsonAsync(HttpStatusCode.OK);
        var stamp = await StampAsync(head.Id);

        var narrowed = await (await api.PatchAsJsonAsync($"/api/v1/users/{head.Id}", new { departmentIds = new[] { sales } })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal([support], narrowed.GetProperty("departmentsNoLongerHeaded").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal([sales], narrowed.GetProperty("user").GetProperty("departmentIds").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Null(await HeadOfAsync(api, support));
        Assert.Equal(head.Id, await HeadOfAsync(api, sales));
        Assert.NotEqual(stamp, await StampAsync(head.Id));

        var viewer = await (await api.PatchAsJsonAsync($"/api/v1/users/{head.Id}", new { role = "Viewer" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Viewer", viewer.GetProperty("user").GetProperty("role").GetString());
        Assert.Null(await HeadOfAsync(api, sales));
    }

    [Fact]
    public async Task A_department_is_headed_only_by_someone_who_may_see_it_and_work_on_it_else_400_naming_headUserId()
    {
        var (_, api, ownerId) = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var sales = await TenantApi.CreateDepartmentAsync(api, "Satış");
        var viewer = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Viewer");
        var head = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "DepartmentHead", support);

        await RefusesHeadAsync(await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = viewer.Id }));
        await RefusesHeadAsync(await api.PatchAsJsonAsync($"/api/v1/departments/{sales}", new { headUserId = head.Id }));
        await RefusesHeadAsync(await api.PostAsJsonAsync("/api/v1/departments", new { name = "Yeni", headUserId = head.Id }));
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = head.Id })).JsonAsync(HttpStatusCode.OK);
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{sales}", new { headUserId = ownerId })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(head.Id, await HeadOfAsync(api, support));
    }

    [Fact]
    public async Task A_viewer_and_a_department_head_cannot_change_people()
    {
        var (_, api, ownerId) = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var viewer = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Viewer");
        var head = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "DepartmentHead", support);

        foreach (var person in new[] { viewer, head })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await person.Browser.GetAsync("/app/users")).StatusCode);
            var posted = await person.Browser.PostAsync($"/app/users?handler=Deactivate&id={ownerId}", new FormUrlEncodedContent(new Dictionary<string, string>()));
            Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        }

        Assert.True((await PeopleApi.UserAsync(api, ownerId)).GetProperty("active").GetBoolean());
        Assert.Equal("Viewer", (await PeopleApi.UserAsync(api, viewer.Id)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_admin_cannot_make_change_deactivate_or_remove_an_owner_nor_invite_one()
    {
        var (_, api, ownerId) = await CompanyAsync();
        var admin = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Admin");
        var viewer = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Viewer");
        var ownerStamp = await StampAsync(ownerId);

        var demote = await PeopleApi.ConfirmOnPageAsync(admin.Browser, "change", ownerId, "Change", new Dictionary<string, string> { ["Edit.Role"] = "Viewer" });
        var promote = await PeopleApi.ConfirmOnPageAsync(admin.Browser, "change", viewer.Id, "Change", new Dictionary<string, string> { ["Edit.Role"] = "Owner" });
        var deactivate = await PeopleApi.ConfirmOnPageAsync(admin.Browser, "deactivate", ownerId, "Deactivate");
        var remove = await PeopleApi.ConfirmOnPageAsync(admin.Browser, "remove", ownerId, "Remove");
        var invite = await TenantApi.PostFormAsync(admin.Browser, "/app/users", new Dictionary<string, string> { ["Form.Email"] = $"new-{Guid.NewGuid():N}@example.test", ["Form.Role"] = "Owner" });

        foreach (var refused in new[] { demote, promote, deactivate, remove, invite })
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the page again, with the refusal
            Assert.Contains("Only an owner may", await refused.Content.ReadAsStringAsync());
        }

        var owner = await PeopleApi.UserAsync(api, ownerId);
        Assert.Equal("Owner", owner.GetProperty("role").GetString());
        Assert.True(owner.GetProperty("active").GetBoolean());
        Assert.Equal(ownerStamp, await StampAsync(ownerId));
        Assert.Equal("Viewer", (await PeopleApi.UserAsync(api, viewer.Id)).GetProperty("role").GetString());

        // The same admin may change a viewer.
        var changed = await PeopleApi.ConfirmOnPageAsync(admin.Browser, "change", viewer.Id, "Change", new Dictionary<string, string> { ["Edit.Role"] = "Admin" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("is now Admin", await admin.Browser.GetStringAsync("/app/users"));
    }

    [Fact]
    public async Task The_last_active_owner_cannot_be_demoted_and_a_second_owner_makes_it_possible()
    {
        var (_, api, ownerId) = await CompanyAsync();

        Assert.Equal("last_owner", await CodeAsync(await api.PatchAsJsonAsync($"/api/v1/users/{ownerId}", new { role = "Admin" }), HttpStatusCode.Conflict));
        Assert.Equal("conflict", await CodeAsync(await api.PostAsync($"/api/v1/users/{ownerId}/deactivate", null), HttpStatusCode.Conflict));
        Assert.Equal("conflict", await CodeAsync(await api.DeleteAsync($"/api/v1/users/{ownerId}"), HttpStatusCode.Conflict));

        var second = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Owner");
        await (await api.PatchAsJsonAsync($"/api/v1/users/{ownerId}", new { role = "Admin" })).JsonAsync(HttpStatusCode.OK);

        // The key acted for an owner; its creator is an admin now, so it acts as one.
        Assert.Equal("owner_only", await CodeAsync(await api.PostAsync($"/api/v1/users/{second.Id}/deactivate", null), HttpStatusCode.Forbidden));
        Assert.Equal("Owner", (await PeopleApi.UserAsync(api, second.Id)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Deactivating_a_head_hands_their_open_cases_to_the_owner_and_sign_in_refuses_them_like_a_wrong_password()
    {
        var (_, api, ownerId) = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var head = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "DepartmentHead", support);
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = head.Id })).JsonAsync(HttpStatusCode.OK);
        var response = await ResponseApi.RecordAsync(api, new { surveyId = survey, email = $"late-{Guid.NewGuid():N}@example.test", score = 2, departmentId = support });
        var opened = await FollowUpApi.WaitForCaseAsync(api, response.GetProperty("id").GetGuid());
        Assert.Equal(head.Id, opened.GetProperty("assigneeUserId").GetGuid());
        var caseId = opened.GetProperty("id").GetGuid();
        var stamp = await StampAsync(head.Id);

        var deactivated = await (await api.PostAsync($"/api/v1/users/{head.Id}/deactivate", null)).JsonAsync(HttpStatusCode.OK);

        Assert.False(deactivated.GetProperty("user").GetProperty("active").GetBoolean());
        Assert.Equal(1, deactivated.GetProperty("openCasesHandedOver").GetInt32());
        Assert.Equal(ownerId, deactivated.GetProperty("casesHandedOverTo").GetGuid());
        Assert.Null(await HeadOfAsync(api, support));
        Assert.NotEqual(stamp, await StampAsync(head.Id));
        await Poll.UntilAsync(async () => (await FollowUpApi.GetAsync(api, caseId)).GetProperty("case").GetProperty("assigneeUserId").GetGuid() == ownerId, "the case handed to the owner");

        // Delivered again (as if the host died before marking it delivered), the event hands nothing over twice.
        var eventFilter = $"type like '%.UserAccessReduced' and payload->>'userId' = '{head.Id}'";
        await fixture.Database.ExecuteAsAdminAsync($"update platform.outbox_messages set dispatched_at = null, next_attempt_at = now() where {eventFilter}");
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where {eventFilter} and dispatched_at is not null and attempts = 2") == 1, "the second delivery");
        Assert.Equal(1L, await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from followups.case_events where case_id = '{caseId}' and kind = 'assigned' and user_id = '{ownerId}'"));

        var refused = await (await PeopleApi.LogInAsync(App, head.Email, PeopleApi.Password)).Content.ReadAsStringAsync();
        var wrong = await (await PeopleApi.LogInAsync(App, head.Email, "not their password at all")).Content.ReadAsStringAsync();
        Assert.Contains("The email address or the password is not right.", refused);
        Assert.Contains("The email address or the password is not right.", wrong);
        // Assigning a case to a deactivated person is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/assign", new { userId = head.Id })).StatusCode);

        await (await api.PostAsync($"/api/v1/users/{head.Id}/reactivate", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect, (await PeopleApi.LogInAsync(App, head.Email, PeopleApi.Password)).StatusCode);
    }

    [Fact]
    public async Task The_confirmation_says_whose_cases_go_where_and_the_flash_says_what_happened()
    {
        var (owner, api, _) = await CompanyAsync();
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var head = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "DepartmentHead", support);
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = head.Id })).JsonAsync(HttpStatusCode.OK);
        var response = await ResponseApi.RecordAsync(api, new { surveyId = survey, email = $"sad-{Guid.NewGuid():N}@example.test", score = 1, departmentId = support });
        await FollowUpApi.WaitForCaseAsync(api, response.GetProperty("id").GetGuid());
        var browser = await PeopleApi.SignedInAsync(App, owner.Email, owner.Password);

        var confirmation = await browser.GetStringAsync($"/app/users?act=deactivate&id={head.Id}");

        Assert.Contains("Deactivate DepartmentHead Person?", confirmation);
        Assert.Contains("Their 1 open follow-up cases go to Owner Person.", confirmation);
        Assert.Contains("These departments will no longer have them as head: Destek.", confirmation);

        var done = await PeopleApi.ConfirmOnPageAsync(browser, "deactivate", head.Id, "Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await browser.GetStringAsync("/app/users");
        Assert.Contains("DepartmentHead Person is deactivated and can no longer sign in.", page);
        Assert.Contains("1 open follow-up cases go to Owner Person.", page);
        // A flash is shown once.
        Assert.DoesNotContain("is deactivated and can no longer sign in.", await browser.GetStringAsync("/app/users"));
    }

    [Fact]
    public async Task Removing_a_person_revokes_the_keys_they_created_when_asked_and_frees_their_address()
    {
        var (_, api, _) = await CompanyAsync();
        var admin = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Admin");
        var created = await TenantApi.PostFormAsync(admin.Browser, "/app/api-keys",
            new Dictionary<string, string> { ["Form.Name"] = "admin's CRM", ["Form.Scopes"] = "read" }, "/app/api-keys?handler=Create");
        var adminKey = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "nps_live_[A-Za-z0-9_-]+").Value;
        Assert.Equal(HttpStatusCode.OK, (await App.WithKey(adminKey).GetAsync("/api/v1/departments")).StatusCode);
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = admin.Id })).JsonAsync(HttpStatusCode.OK);

        var removed = await (await api.DeleteAsync($"/api/v1/users/{admin.Id}?revokeApiKeys=true")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, removed.GetProperty("apiKeysRevoked").GetInt32());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("user").ValueKind);
        Assert.Equal([support], removed.GetProperty("departmentsNoLongerHeaded").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Null(await HeadOfAsync(api, support));
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.WithKey(adminKey).GetAsync("/api/v1/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/users/{admin.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/users/{admin.Id}")).StatusCode);
        await (await api.PostAsJsonAsync("/api/v1/users/invitations", new { email = admin.Email, role = "Viewer" })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_revoked_invitation_leaves_the_pending_list_and_its_link_stops_working()
    {
        var (_, api, _) = await CompanyAsync();
        var email = $"invited-{Guid.NewGuid():N}@example.test";
        var invitation = await (await api.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "Viewer" })).JsonAsync(HttpStatusCode.Created);
        var link = await PeopleApi.InvitationLinkAsync(fixture.Smtp, email);
        var id = invitation.GetProperty("id").GetGuid();
        var pending = await (await api.GetAsync("/api/v1/users/invitations")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/users/invitations/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/users/invitations/{id}")).StatusCode);
        pending = await (await api.GetAsync("/api/v1/users/invitations")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Contains("unknown, already used or expired", await PeopleApi.Browser(App).GetStringAsync(link.PathAndQuery));
        // Another company's invitation is not found.
        var (_, other, _) = await CompanyAsync();
        var theirs = await (await other.PostAsJsonAsync("/api/v1/users/invitations", new { email = $"theirs-{Guid.NewGuid():N}@example.test", role = "Viewer" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/users/invitations/{theirs.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_owner_transfers_ownership_and_becomes_an_admin_and_then_may_not_transfer_again()
    {
        var (_, api, ownerId) = await CompanyAsync();
        var admin = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Admin");
        var adminStamp = await StampAsync(admin.Id);
        var ownerStamp = await StampAsync(ownerId);

        var transferred = await (await api.PostAsync($"/api/v1/users/{admin.Id}/transfer-ownership", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Owner", transferred.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("Admin", (await PeopleApi.UserAsync(api, ownerId)).GetProperty("role").GetString());
        Assert.NotEqual(adminStamp, await StampAsync(admin.Id));
        Assert.NotEqual(ownerStamp, await StampAsync(ownerId));
        Assert.Equal("owner_only", await CodeAsync(await api.PostAsync($"/api/v1/users/{ownerId}/transfer-ownership", null), HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Bad_changes_are_400s_naming_the_field_and_another_companys_person_is_a_404()
    {
        var (_, api, _) = await CompanyAsync();
        var viewer = await PeopleApi.JoinAsync(App, fixture.Smtp, api, "Viewer");

        var badRole = await (await api.PatchAsJsonAsync($"/api/v1/users/{viewer.Id}", new { role = "Boss" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badRole.GetProperty("errors").TryGetProperty("role", out _));
        var headless = await (await api.PatchAsJsonAsync($"/api/v1/users/{viewer.Id}", new { role = "DepartmentHead" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(headless.GetProperty("errors").TryGetProperty("departmentIds", out _));
        var badIds = await (await api.PatchAsJsonAsync($"/api/v1/users/{viewer.Id}", new { departmentIds = new[] { "not-a-uuid" } })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badIds.GetProperty("errors").TryGetProperty("departmentIds", out _));

        var (_, other, _) = await CompanyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PatchAsJsonAsync($"/api/v1/users/{viewer.Id}", new { role = "Admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/users/{viewer.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/users/{viewer.Id}")).StatusCode);
        Assert.Equal("Viewer", (await PeopleApi.UserAsync(api, viewer.Id)).GetProperty("role").GetString());

        // Two removals of one person at once: one removes, the other finds nobody; neither fails.
        var both = await Task.WhenAll(api.DeleteAsync($"/api/v1/users/{viewer.Id}"), api.DeleteAsync($"/api/v1/users/{viewer.Id}"));
        Assert.All(both, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{(int)r.StatusCode}"));
        Assert.Contains(both, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_operators_ceiling_on_a_companys_active_keys_answers_409_api_key_limit_and_a_revoked_key_frees_a_place()
    {
        var (_, api, _) = await CompanyAsync(); // the sign-up key is the first of its Fixture.MaxKeys
        var keys = new List<Guid>();
        for (var i = 1; i < Fixture.MaxKeys; i++)
        {
            keys.Add((await (await api.PostAsJsonAsync("/api/v1/api-keys", new { name = $"key {i}", scopes = new[] { "read" } })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var refused = await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "one more", scopes = new[] { "read" } });

        Assert.Equal("api_key_limit", await CodeAsync(refused, HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/api-keys/{keys[0]}")).StatusCode);
        await (await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "replacement", scopes = new[] { "read" } })).JsonAsync(HttpStatusCode.Created);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        public const int MaxKeys = 4;

        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("ApiKeys:MaxPerCompany", MaxKeys.ToString());
    }
}
