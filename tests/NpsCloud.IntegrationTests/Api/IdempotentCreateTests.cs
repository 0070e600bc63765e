using System.Net;
using System.Net.Http.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Api;

/// <summary>Every POST that creates something honours Idempotency-Key: a retry creates nothing more.</summary>
public sealed class IdempotentCreateTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>A create call, another body for it, and the table that gains a row.</summary>
    private sealed record Create(string Path, object Body, object? OtherBody, string Table);

    public static TheoryData<string> Creates =>
        ["departments", "surveys", "contacts", "survey requests", "survey members", "invitations", "goals", "goal reviews", "responses", "response notes", "webhooks"];

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task A_retry_with_the_same_key_replays_the_first_answer_and_another_body_is_a_422(string what)
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var create = await PrepareAsync(api, what);
        var rows = $"select count(*) from {create.Table} where tenant_id = '{company.TenantId}'";
        var before = await fixture.Database.ScalarAsAdminAsync<long>(rows);
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(api, create.Path, create.Body, key);
        var retry = await SendAsync(api, create.Path, create.Body, key);

        Assert.True(first.IsSuccessStatusCode, $"{(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await fixture.Database.ScalarAsAdminAsync<long>(rows));

        if (create.OtherBody is not null)
        {
            var reused = await (await SendAsync(api, create.Path, create.OtherBody, key)).JsonAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("idempotency_key_reused", reused.GetProperty("code").GetString());
            Assert.Equal(before + 1, await fixture.Database.ScalarAsAdminAsync<long>(rows));
        }
    }

    [Fact]
    public async Task A_stored_answer_is_encrypted_so_a_secret_shown_once_is_not_in_the_database_in_the_clear()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var key = Guid.NewGuid().ToString();
        var body = new { url = "https://hooks.example.test/secret", events = new[] { "response.created" } };

        var created = await (await SendAsync(api, "/api/v1/webhooks", body, key)).JsonAsync(HttpStatusCode.Created);
        var replayed = await (await SendAsync(api, "/api/v1/webhooks", body, key)).JsonAsync(HttpStatusCode.Created);

        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(secret, replayed.GetProperty("secret").GetString());
        var stored = await fixture.Database.ScalarAsAdminAsync<byte[]>(
            $"select body from platform.idempotency_keys where tenant_id = '{company.TenantId}' and key = '{key}'");
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(stored));
        Assert.DoesNotContain("hooks.example.test", System.Text.Encoding.UTF8.GetString(stored));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, string path, object body, string key) =>
        api.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } });

    private static async Task<Create> PrepareAsync(HttpClient api, string what)
    {
        switch (what)
        {
            case "departments":
                return new("/api/v1/departments", new { name = "Sales" }, new { name = "Support" }, "tenants.departments");
            case "surveys":
                return new("/api/v1/surveys", Survey("transactional"), new { name = "Other", kind = "transactional", locale = "en" }, "surveys.surveys");
            case "contacts":
                return new("/api/v1/contacts", new { email = "ada@example.test" }, new { email = "bob@example.test" }, "surveys.contacts");
            case "survey requests":
                var active = await IdOfAsync(api.PostAsJsonAsync("/api/v1/surveys", Survey("transactional")));
                await (await api.PostAsync($"/api/v1/surveys/{active}/activate", null)).JsonAsync(HttpStatusCode.OK);
                return new($"/api/v1/surveys/{active}/requests", new { email = "ada@example.test" }, new { email = "bob@example.test" }, "surveys.invitations");
            case "survey members":
                var relationship = await IdOfAsync(api.PostAsJsonAsync("/api/v1/surveys", Survey("relationship")));
                return new($"/api/v1/surveys/{relationship}/members", new { emails = new[] { "ada@example.test" } }, new { emails = new[] { "bob@example.test" } },
                    "surveys.survey_members");
            case "invitations":
                return new("/api/v1/users/invitations", new { email = $"{Guid.NewGuid():N}@example.test", role = "Viewer" },
                    new { email = $"{Guid.NewGuid():N}@example.test", role = "Viewer" }, "tenants.invitations");
            case "goals":
                return new("/api/v1/goals", Goal(await TenantApi.CreateDepartmentAsync(api, "Sales")), Goal(await TenantApi.CreateDepartmentAsync(api, "Support")), "goals.goals");
            case "goal reviews":
                var goal = await IdOfAsync(api.PostAsJsonAsync("/api/v1/goals", Goal(await TenantApi.CreateDepartmentAsync(api, "Sales"))));
                return new($"/api/v1/goals/{goal}/reviews", new { }, null, "goals.reviews"); // no body to vary
            case "responses":
                var answered = await IdOfAsync(api.PostAsJsonAsync("/api/v1/surveys", Survey("transactional")));
                return new("/api/v1/responses", new { surveyId = answered, email = "ada@example.test", score = 9 },
                    new { surveyId = answered, email = "ada@example.test", score = 3 }, "responses.responses");
            case "webhooks":
                return new("/api/v1/webhooks", new { url = "https://hooks.example.test/a", events = new[] { "response.created" } },
                    new { url = "https://hooks.example.test/b", events = new[] { "response.created" } }, "webhooks.endpoints");
            default:
                var survey = await IdOfAsync(api.PostAsJsonAsync("/api/v1/surveys", Survey("transactional")));
                var response = await IdOfAsync(api.PostAsJsonAsync("/api/v1/responses", new { surveyId = survey, email = "ada@example.test", score = 9 }));
                return new($"/api/v1/responses/{response}/notes", new { text = "Called back." }, new { text = "Called again." }, "responses.notes");
        }
    }

    private static object Survey(string kind) => new { name = $"A {kind} survey", kind, locale = "en" };

    private static object Goal(Guid departmentId) => new { departmentId, targetNps = 30, periodStart = "2026-01-01", periodEnd = "2026-12-31" };

    private static async Task<Guid> IdOfAsync(Task<HttpResponseMessage> create) =>
        (await (await create).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
