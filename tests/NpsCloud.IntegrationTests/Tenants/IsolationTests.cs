using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>
/// Two tenants side by side: tenant A's key, used on tenant B's ids, finds nothing (404, never 403 and
/// never data); and the database itself keeps every tenant table apart for the application role.
/// </summary>
public sealed class IsolationTests(IsolationTests.Fixture fixture) : IClassFixture<IsolationTests.Fixture>
{
    public static TheoryData<string, string, string?> OtherTenantsIds => new()
    {
        { "GET", "/api/v1/departments/{department}", null },
        { "PATCH", "/api/v1/departments/{department}", """{"name":"Taken over"}""" },
        { "DELETE", "/api/v1/departments/{department}", null },
        { "DELETE", "/api/v1/api-keys/{key}", null },
        { "POST", "/api/v1/departments", """{"name":"Borrowed head","headUserId":"{user}"}""" },
        { "PATCH", "/api/v1/departments/{own-department}", """{"headUserId":"{user}"}""" },
        { "POST", "/api/v1/users/invitations", """{"email":"x@example.test","role":"DepartmentHead","departmentIds":["{department}"]}""" },
        { "GET", "/api/v1/surveys/{survey}", null },
        { "PATCH", "/api/v1/surveys/{survey}", """{"name":"Taken over"}""" },
        { "POST", "/api/v1/surveys/{survey}/pause", null },
        { "GET", "/api/v1/surveys/{survey}/stats", null },
        { "GET", "/api/v1/surveys/{survey}/members", null },
        { "GET", "/api/v1/surveys/{survey}/audience", null },
        { "PUT", "/api/v1/surveys/{survey}/audience", """{"mode":"all"}""" },
        { "GET", "/api/v1/surveys/{survey}/non-responders", null },
        { "POST", "/api/v1/surveys/{survey}/members", """{"emails":["planted@example.test"]}""" },
        { "POST", "/api/v1/surveys/{survey}/requests", """{"email":"planted@example.test"}""" },
        { "POST", "/api/v1/surveys", """{"name":"Borrowed department","kind":"transactional","locale":"en","departmentId":"{department}"}""" },
        { "POST", "/api/v1/surveys/{own-survey}/members", """{"contactIds":["{contact}"]}""" },
        { "GET", "/api/v1/contacts/{contact}", null },
        { "PATCH", "/api/v1/contacts/{contact}", """{"name":"Taken over"}""" },
        { "DELETE", "/api/v1/contacts/{contact}", null },
        { "POST", "/api/v1/contacts/{contact}/unsubscribe", null },
        { "GET", "/api/v1/responses/{response}", null },
        { "POST", "/api/v1/responses/{response}/tags", """{"tags":["taken"]}""" },
        { "DELETE", "/api/v1/responses/{response}/tags/b", null },
        { "POST", "/api/v1/responses/{response}/notes", """{"text":"taken"}""" },
        { "DELETE", "/api/v1/responses/{response}", null },
        { "POST", "/api/v1/responses", """{"surveyId":"{survey}","email":"planted@example.test","score":0}""" },
        { "POST", "/api/v1/responses", """{"surveyId":"{own-survey}","contactId":"{contact}","score":0}""" },
        { "GET", "/api/v1/goals/{goal}", null },
        { "PATCH", "/api/v1/goals/{goal}", """{"targetNps":99}""" },
        { "DELETE", "/api/v1/goals/{goal}", null },
        { "GET", "/api/v1/goals/{goal}/reviews", null },
        { "POST", "/api/v1/goals/{goal}/reviews", null },
        { "POST", "/api/v1/goals", """{"departmentId":"{department}","targetNps":10,"periodStart":"2026-01-01","periodEnd":"2026-03-31"}""" },
        { "POST", "/api/v1/goals", """{"departmentId":"{own-department}","surveyId":"{survey}","targetNps":10,"periodStart":"2026-01-01","periodEnd":"2026-03-31"}""" },
        { "GET", "/api/v1/follow-ups/{follow-up}", null },
        { "POST", "/api/v1/follow-ups/{follow-up}/assign", """{"userId":"{own-user}"}""" },
        { "POST", "/api/v1/follow-ups/{follow-up}/notes", """{"text":"taken"}""" },
        { "POST", "/api/v1/follow-ups/{follow-up}/status", """{"status":"contacted"}""" },
        { "POST", "/api/v1/follow-ups/{own-follow-up}/assign", """{"userId":"{user}"}""" },
        { "POST", "/api/v1/follow-ups/{follow-up}/replies", """{"body":"taken"}""" },
        { "POST", "/api/v1/follow-ups/{follow-up}/calls", """{"note":"taken"}""" },
        { "POST", "/api/v1/follow-ups/{follow-up}/move", """{"departmentId":"{own-department}","reason":"taken"}""" },
        { "POST", "/api/v1/follow-ups/{own-follow-up}/move", """{"departmentId":"{department}","reason":"taken"}""" },
        { "GET", "/api/v1/follow-ups/metrics?departmentId={department}", null },
        { "GET", "/api/v1/webhooks/{webhook}", null },
        { "GET", "/api/v1/webhooks/{webhook}/deliveries", null },
        { "POST", "/api/v1/webhooks/{webhook}/rotate-secret", null },
        { "DELETE", "/api/v1/webhooks/{webhook}", null },
        { "POST", "/api/v1/chat-channels/{chat-channel}/test", null },
        { "DELETE", "/api/v1/chat-channels/{chat-channel}", null },
        { "POST", "/api/v1/chat-channels", """{"kind":"teams","url":"https://teams.example.com/hook","departmentId":"{department}"}""" },
    };

    [Theory]
    [MemberData(nameof(OtherTenantsIds))]
    public async Task Another_tenants_id_answers_404(string method, string path, string? body)
    {
        string Fill(string text) => text
            .Replace("{department}", fixture.B.Department.ToString())
            .Replace("{key}", fixture.B.KeyId.ToString())
            .Replace("{user}", fixture.B.User.ToString())
            .Replace("{own-department}", fixture.A.Department.ToString())
            .Replace("{survey}", fixture.B.Survey.ToString())
            .Replace("{own-survey}", fixture.A.Survey.ToString())
            .Replace("{contact}", fixture.B.Contact.ToString())
            .Replace("{response}", fixture.B.Response.ToString())
            .Replace("{goal}", fixture.B.Goal.ToString())
            .Replace("{follow-up}", fixture.B.FollowUp.ToString())
            .Replace("{own-follow-up}", fixture.A.FollowUp.ToString())
            .Replace("{own-user}", fixture.A.User.ToString())
            .Replace("{webhook}", fixture.B.Webhook.ToString())
            .Replace("{chat-channel}", fixture.B.ChatChannel.ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body is not null) request.Content = new StringContent(Fill(body), System.Text.Encoding.UTF8, "application/json");

        var response = await fixture.App.WithKey(fixture.A.Key).SendAsync(request);

        var problem = await response.JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
        // Nothing of B's changed.
        var department = await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/departments/{fixture.B.Department}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("B only", department.GetProperty("name").GetString());
        var survey = await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/surveys/{fixture.B.Survey}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("B survey", survey.GetProperty("name").GetString());
        Assert.Equal("active", survey.GetProperty("status").GetString());
        var contact = await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/contacts/{fixture.B.Contact}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("B contact", contact.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("unsubscribedAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.WithKey(fixture.B.Key).GetAsync("/api/v1/tenant")).StatusCode);
        var answer = await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/responses/{fixture.B.Response}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["b"], answer.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Single(answer.GetProperty("notes").EnumerateArray());
        var goal = await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/goals/{fixture.B.Goal}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(40, goal.GetProperty("targetNps").GetDecimal());
        Assert.False(goal.GetProperty("archived").GetBoolean());
        Assert.Single((await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/goals/{fixture.B.Goal}/reviews")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        var followUp = await (await fixture.App.WithKey(fixture.B.Key).GetAsync($"/api/v1/follow-ups/{fixture.B.FollowUp}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("open", followUp.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(fixture.B.User, followUp.GetProperty("case").GetProperty("assigneeUserId").GetGuid());
        // Opened, and the call the seed logged: nothing another tenant sent.
        Assert.Equal(["opened", "called"], followUp.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()));
        Assert.Equal(fixture.B.Department, followUp.GetProperty("case").GetProperty("departmentId").GetGuid());
    }

    [Theory]
    [InlineData("/api/v1/departments")]
    [InlineData("/api/v1/users")]
    [InlineData("/api/v1/api-keys")]
    [InlineData("/api/v1/surveys")]
    [InlineData("/api/v1/contacts")]
    [InlineData("/api/v1/responses")]
    [InlineData("/api/v1/follow-ups")]
    [InlineData("/api/v1/webhooks")]
    [InlineData("/api/v1/chat-channels")]
    public async Task Lists_hold_only_the_callers_own_rows(string path)
    {
        var listed = await (await fixture.App.WithKey(fixture.A.Key).GetAsync(path)).JsonAsync(HttpStatusCode.OK);

        var items = listed.ValueKind == System.Text.Json.JsonValueKind.Array ? listed : listed.GetProperty("items");
        var ids = items.EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToList();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain(fixture.B.Department, ids);
        Assert.DoesNotContain(fixture.B.User, ids);
        Assert.DoesNotContain(fixture.B.KeyId, ids);
        Assert.DoesNotContain(fixture.B.Survey, ids);
        Assert.DoesNotContain(fixture.B.Contact, ids);
        Assert.DoesNotContain(fixture.B.Response, ids);
        Assert.DoesNotContain(fixture.B.FollowUp, ids);
        Assert.DoesNotContain(fixture.B.Webhook, ids);
        Assert.DoesNotContain(fixture.B.ChatChannel, ids);
    }

    [Fact]
    public async Task The_application_role_with_tenant_A_set_sees_none_of_tenant_Bs_rows_in_any_tenant_table()
    {
        var tables = await TenantTablesAsync();
        await using var connection = await OpenAsAppAsync(fixture.A.TenantId);

        foreach (var table in tables)
        {
            // B has rows in every table, as the superuser sees; A's connection sees none of them.
            Assert.True(await CountAsync(fixture.Database.AdminConnectionString, table, fixture.B.TenantId) > 0, $"{table} has no row of B to hide");
            Assert.Equal(0L, await CountAsync(connection, table, fixture.B.TenantId));
            Assert.True(await CountAsync(connection, table, fixture.A.TenantId) > 0, $"{table} shows A nothing of its own");
        }
    }

    [Fact]
    public async Task The_application_role_without_a_tenant_sees_nothing()
    {
        await using var connection = await OpenAsAppAsync(null);

        foreach (var table in await TenantTablesAsync())
        {
            await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task The_application_role_with_tenant_A_set_cannot_insert_or_move_rows_into_tenant_B()
    {
        await using var connection = await OpenAsAppAsync(fixture.A.TenantId);

        var insert = new NpgsqlCommand(
            $"insert into tenants.departments (tenant_id, id, name, created_at) values ('{fixture.B.TenantId}', gen_random_uuid(), 'Planted', now())", connection);
        Assert.Contains("row-level security", (await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync())).MessageText);

        var move = new NpgsqlCommand(
            $"update tenants.departments set tenant_id = '{fixture.B.TenantId}' where tenant_id = '{fixture.A.TenantId}'", connection);
        Assert.Contains("row-level security", (await Assert.ThrowsAsync<PostgresException>(() => move.ExecuteNonQueryAsync())).MessageText);

        var steal = new NpgsqlCommand($"update tenants.users set name = 'Stolen' where tenant_id = '{fixture.B.TenantId}'", connection);
        Assert.Equal(0, await steal.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_application_role_cannot_switch_off_row_level_security()
    {
        await using var connection = await OpenAsAppAsync(fixture.A.TenantId);

        var disable = new NpgsqlCommand("alter table tenants.users disable row level security", connection);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => disable.ExecuteNonQueryAsync())).SqlState);
        var bypass = new NpgsqlCommand("set row_security = off; select count(*) from tenants.users", connection);
        await Assert.ThrowsAsync<PostgresException>(() => bypass.ExecuteScalarAsync());
    }

    private async Task<List<string>> TenantTablesAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select table_schema || '.' || table_name from information_schema.columns
            where column_name = 'tenant_id' and table_schema not in ('pg_catalog', 'information_schema') order by 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains("tenants.users", tables);
        return tables;
    }

    private async Task<NpgsqlConnection> OpenAsAppAsync(Guid? tenant)
    {
        var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await TenantSession.ApplyAsync(connection, tenant, CancellationToken.None);
        return connection;
    }

    private static async Task<long> CountAsync(string connectionString, string table, Guid tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await CountAsync(connection, table, tenant);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, Guid tenant)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {table} where tenant_id = '{tenant}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public sealed record Seeded(Guid TenantId, string Key, Guid KeyId, Guid User, Guid Department, Guid Survey, Guid Contact, Guid Response, Guid Goal, Guid FollowUp, Guid Webhook, Guid ChatChannel);

    /// <summary>Two tenants, each with a row in every tenant table (outbox and inbox through the welcome email).</summary>
    public sealed class Fixture : AppFixture
    {
        public Seeded A { get; private set; } = null!;
        public Seeded B { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            A = await SeedAsync("A");
            B = await SeedAsync("B");
            foreach (var tenant in new[] { A, B })
            {
                await Poll.UntilAsync(async () => await Database.ScalarAsAdminAsync<long>(
                    $"select count(*) from platform.inbox_messages where tenant_id = '{tenant.TenantId}'") > 0, "the welcome email to be handled");
            }
        }

        private async Task<Seeded> SeedAsync(string tenant)
        {
            var signedUp = await TenantApi.SignUpAsync(App);
            var client = App.WithKey(signedUp.ApiKey);
            var departmentId = await TenantApi.CreateDepartmentAsync(client, $"{tenant} only");
            var user = (await (await client.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
            var key = (await (await client.GetAsync("/api/v1/api-keys")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
            await (await client.PostAsJsonAsync("/api/v1/users/invitations", new { email = $"head-{Guid.NewGuid():N}@example.test", role = "DepartmentHead", departmentIds = new[] { departmentId } }))
                .JsonAsync(HttpStatusCode.Created);
            // A sign-in fills tenants.sessions.
            var browser = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await TenantApi.PostFormAsync(browser, "/login",
                new Dictionary<string, string> { ["Form.Email"] = signedUp.Email, ["Form.Password"] = signedUp.Password })).StatusCode);
            // A touchpoint saved on the settings page fills tenants.touchpoints.
            Assert.Equal(HttpStatusCode.Redirect, (await TenantApi.PostFormAsync(browser, "/app/settings",
                new Dictionary<string, string> { ["NewTouchpoint.Key"] = "delivery", ["NewTouchpoint.LabelTr"] = $"{tenant} teslimat", ["NewTouchpoint.LabelEn"] = $"{tenant} delivery" },
                "/app/settings?handler=Touchpoint")).StatusCode);
            // A department head with a department fills tenants.user_departments.
            await Database.ExecuteAsAdminAsync($"insert into tenants.user_departments values ('{signedUp.TenantId}', '{user}', '{departmentId}')");
            // A phone that asked for pushes fills followups.push_subscriptions (WebPushTests subscribe through the inbox page).
            await Database.ExecuteAsAdminAsync($"insert into followups.push_subscriptions values ('{signedUp.TenantId}', gen_random_uuid(), '{user}', 'https://push.example.test/{tenant}', 'p256dh', 'auth', now())");
            // A rebuild that ran while an answer's event was pending leaves a note in scoring.events_counted_by_rebuild.
            await Database.ExecuteAsAdminAsync($"insert into scoring.events_counted_by_rebuild values ('{signedUp.TenantId}', gen_random_uuid())");

            // Surveys: a relationship survey with a member and one wave; a contact named for the matrix.
            var survey = await Surveys.SurveyApi.CreateAsync(client, new
            {
                name = $"{tenant} survey", kind = "relationship", locale = "en", departmentId,
                schedule = new { cadence = "yearly", firstWaveAt = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ss") },
            });
            await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = new[] { $"member-{Guid.NewGuid():N}@example.test" } }))
                .JsonAsync(HttpStatusCode.OK);
            await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);
            await using (var scope = App.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(signedUp.TenantId);
                await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new NpsCloud.Surveys.Features.Surveys.StartWave.Command(survey, DateTimeOffset.UtcNow));
            }

            // Surveys: a segment the survey asks (surveys.segments).
            var segment = (await (await client.PostAsJsonAsync("/api/v1/segments", new { name = $"{tenant} segment", filters = new[] { new { property = "city", values = new[] { "İzmir" } } } }))
                .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await (await client.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "segment", segmentId = segment })).JsonAsync(HttpStatusCode.OK);
            // Surveys: a test sent to the owner (surveys.test_sends) and a web widget (surveys.widgets).
            await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/test-sends", new { email = signedUp.Email })).JsonAsync(HttpStatusCode.Created);
            await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/widgets", new { allowedOrigins = new[] { "https://shop.example" } })).JsonAsync(HttpStatusCode.Created);
            // Surveys and Responses: an open link (surveys.open_links) answered once, so its duplicate guard remembers the device (responses.open_link_devices).
            var openLink = await Surveys.OpenLinkApi.PutAsync(client, survey);
            await Surveys.OpenLinkApi.AnswerAsync(App.CreateClient(), Surveys.OpenLinkApi.PathOf(openLink.GetProperty("url").GetString()!), 9);

            // Webhooks: an endpoint for the answer below; the address guard refuses localhost, so its delivery records a failed attempt.
            var webhook = (await (await client.PostAsJsonAsync("/api/v1/webhooks", new { url = $"https://localhost:1/{tenant}", events = new[] { "response.created" } }))
                .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            var contact = await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = $"contact-{Guid.NewGuid():N}@example.test", name = $"{tenant} contact" }))
                .JsonAsync(HttpStatusCode.Created);
            // Responses: an answer recorded with an idempotency key, tagged and annotated.
            using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses")
            {
                Content = JsonContent.Create(new { surveyId = survey, contactId = contact.GetProperty("id").GetGuid(), score = 4, comment = $"{tenant} comment" }),
            };
            keyed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var response = (await (await client.SendAsync(keyed)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await (await client.PostAsJsonAsync($"/api/v1/responses/{response}/tags", new { tags = new[] { "b" } })).JsonAsync(HttpStatusCode.OK);
            await (await client.PostAsJsonAsync($"/api/v1/responses/{response}/notes", new { text = "called" })).JsonAsync(HttpStatusCode.Created);
            // Goals: one for the department, reviewed once, on a monthly cadence.
            var goal = await (await client.PostAsJsonAsync("/api/v1/goals", new { departmentId, targetNps = 40, periodStart = "2026-01-01", periodEnd = "2026-12-31" }))
                .JsonAsync(HttpStatusCode.Created);
            await (await client.PostAsync($"/api/v1/goals/{goal.GetProperty("id").GetGuid()}/reviews", null)).JsonAsync(HttpStatusCode.Created);
            await (await client.PutAsJsonAsync("/api/v1/goals/review-schedule", new { cadence = "monthly" })).JsonAsync(HttpStatusCode.OK);
            // Follow-ups: the detractor answer opens a case (with its history) through the outbox.
            var followUp = (await FollowUps.FollowUpApi.WaitForCaseAsync(client, response)).GetProperty("id").GetGuid();
            // Follow-ups: a logged call keeps its outcome in followups.case_event_details.
            await (await client.PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/calls", new { note = "called", outcome = "no_answer" })).JsonAsync(HttpStatusCode.Created);
            await Webhooks.WebhookApi.WaitForAttemptsAsync(client, webhook, 1);
            // Webhooks: a Teams channel of the department with a test post (the guard refuses localhost, so the post records a failed attempt).
            var chatChannel = (await (await client.PostAsJsonAsync("/api/v1/chat-channels", new { kind = "teams", url = $"https://localhost:1/{tenant}", departmentId }))
                .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await (await client.PostAsync($"/api/v1/chat-channels/{chatChannel}/test", null)).JsonAsync(HttpStatusCode.Accepted);
            return new Seeded(signedUp.TenantId, signedUp.ApiKey, key, user, departmentId, survey, contact.GetProperty("id").GetGuid(), response, goal.GetProperty("id").GetGuid(),
                followUp, webhook, chatChannel);
        }
    }
}
