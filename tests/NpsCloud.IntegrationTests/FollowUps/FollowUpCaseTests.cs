using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>Follow-up cases from real answers, through the outbox, the API, the pages and a real SMTP server.</summary>
public sealed partial class FollowUpCaseTests(FollowUpCaseTests.Fixture fixture) : IClassFixture<FollowUpCaseTests.Fixture>
{
    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private async Task<(TenantApi.SignedUp Company, HttpClient Api, Guid Survey)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        return (company, api, await SurveyApi.ActiveTransactionalAsync(api));
    }

    [Fact]
    public async Task A_detractor_opens_one_case_due_within_the_departments_sla_and_alerts_the_assignee_even_when_the_event_is_delivered_twice()
    {
        var (company, api, survey) = await CompanyAsync();
        var department = (await (await api.PostAsJsonAsync("/api/v1/departments", new { name = "Teslimat", followUpSlaHours = 4 })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var owner = (await (await api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var person = Address("late");
        var recorded = await ResponseApi.RecordAsync(api, new { surveyId = survey, email = person, score = 3, comment = "Two weeks late, nobody called.", departmentId = department });
        var responseId = recorded.GetProperty("id").GetGuid();

        var opened = await FollowUpApi.WaitForCaseAsync(api, responseId);

        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal("close_the_loop", opened.GetProperty("kind").GetString());
        Assert.Equal(owner, opened.GetProperty("assigneeUserId").GetGuid()); // the department has no head
        // PostgreSQL keeps microseconds, .NET ticks.
        Assert.Equal(recorded.GetProperty("recordedAt").GetDateTimeOffset().AddHours(4), opened.GetProperty("dueAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var caseId = opened.GetProperty("id").GetGuid();
        var alert = await fixture.Smtp.WaitForAsync(m => m.To.Contains(company.Email) && m.Subject.StartsWith("Follow up:"), "the alert");
        Assert.Contains("3/10", alert.Subject);
        Assert.Contains("Two weeks late, nobody called.", alert.TextBody);
        Assert.Contains(person, alert.TextBody);
        Assert.Contains($"/app/follow-ups/{caseId}", alert.TextBody);

        // As if the host died after the handlers committed but before the event was marked delivered.
        var eventFilter = $"type like '%.ResponseRecorded' and payload->>'responseId' = '{responseId}'";
        await fixture.Database.ExecuteAsAdminAsync($"update platform.outbox_messages set dispatched_at = null, next_attempt_at = now() where {eventFilter}");
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where {eventFilter} and dispatched_at is not null and attempts = 2") == 1, "the second delivery");
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);

        Assert.Equal(1L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from followups.cases where response_id = '{responseId}'"));
        Assert.Single(fixture.Smtp.Messages(), m => m.To.Contains(company.Email) && m.Subject.StartsWith("Follow up:"));
    }

    [Fact]
    public async Task Passives_open_cases_only_when_the_company_asks_and_promoters_never()
    {
        var (_, api, survey) = await CompanyAsync();
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("passive"), score = 8, comment = "Fine." });
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("promoter"), score = 10 });
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Empty(await FollowUpApi.ListAsync(api));

        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { followUpPassives = true })).JsonAsync(HttpStatusCode.OK);
        var silent = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("silent"), score = 7 })).GetProperty("id").GetGuid();
        var talkative = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("talkative"), score = 8, comment = "Prices are high." })).GetProperty("id").GetGuid();
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("fan"), score = 9 });

        Assert.Equal("ask_for_feedback", (await FollowUpApi.WaitForCaseAsync(api, silent)).GetProperty("kind").GetString());
        Assert.Equal("close_the_loop", (await FollowUpApi.WaitForCaseAsync(api, talkative)).GetProperty("kind").GetString());
        await FollowUpApi.OutboxDrainedAsync(fixture.Database);
        Assert.Equal(2, (await FollowUpApi.ListAsync(api)).Count);
    }

    [Fact]
    public async Task Status_changes_follow_the_rules_and_every_change_is_in_the_history_with_who_and_when()
    {
        var (_, api, survey) = await CompanyAsync();
        var person = Address("billing");
        var responseId = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = person, score = 2, comment = "Charged twice." })).GetProperty("id").GetGuid();
        var caseId = (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid();

        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var note = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/follow-ups/{caseId}/notes") { Content = JsonContent.Create(new { text = "Called, no answer." }) };
            note.Headers.Add("Idempotency-Key", key);
            await (await api.SendAsync(note)).JsonAsync(HttpStatusCode.Created);
        }

        Assert.Equal("contacted", (await FollowUpApi.StatusAsync(api, caseId, "contacted")).GetProperty("status").GetString());
        var again = await FollowUpApi.StatusAsync(api, caseId, "contacted", expected: HttpStatusCode.Conflict);
        Assert.Equal("conflict", again.GetProperty("code").GetString());
        var escalate = await FollowUpApi.StatusAsync(api, caseId, "escalated", expected: HttpStatusCode.BadRequest);
        Assert.True(escalate.GetProperty("errors").TryGetProperty("status", out _));
        var empty = await (await api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/notes", new { text = " " })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("text", out _));
        var nobody = await (await api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/assign", new { })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(nobody.GetProperty("errors").TryGetProperty("userId", out _));
        await (await api.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/assign", new { userId = Guid.NewGuid() })).JsonAsync(HttpStatusCode.NotFound);
        var resolved = await FollowUpApi.StatusAsync(api, caseId, "resolved", "Refunded the second charge.");
        Assert.Equal("Refunded the second charge.", resolved.GetProperty("outcome").GetString());
        Assert.Equal("contacted", (await FollowUpApi.StatusAsync(api, caseId, "reopened")).GetProperty("status").GetString());
        await FollowUpApi.StatusAsync(api, caseId, "closed");
        await FollowUpApi.StatusAsync(api, caseId, "resolved", expected: HttpStatusCode.Conflict);

        var detail = await FollowUpApi.GetAsync(api, caseId);
        Assert.Equal("closed", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(2, detail.GetProperty("response").GetProperty("score").GetInt32());
        Assert.Equal("Charged twice.", detail.GetProperty("response").GetProperty("comment").GetString());
        Assert.Equal(person, detail.GetProperty("contact").GetProperty("email").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["opened", "note", "status", "status", "status", "status"], history.Select(h => h.GetProperty("kind").GetString()));
        Assert.Equal(["open", null, "contacted", "resolved", "contacted", "closed"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.All(history.Skip(1), h => Assert.StartsWith("API key", h.GetProperty("actor").GetString()));
        Assert.Equal("Refunded the second charge.", history[3].GetProperty("text").GetString());

        Assert.Contains(await FollowUpApi.ListAsync(api, "?status=closed"), c => c.GetProperty("id").GetGuid() == caseId);
        Assert.Empty(await FollowUpApi.ListAsync(api, "?status=open"));
        var badStatus = await (await api.GetAsync("/api/v1/follow-ups?status=pending")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badStatus.GetProperty("errors").TryGetProperty("status", out _));
        var badCursor = await (await api.GetAsync("/api/v1/follow-ups?cursor=not-ours")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badCursor.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task A_score_changed_to_a_promoter_shows_on_the_case_and_flags_it_without_closing_it()
    {
        var (_, api, survey) = await CompanyAsync();
        var person = Address("changer");
        await SurveyApi.RequestAsync(api, survey, new { email = person });
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(person), "the invitation");
        var page = "/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(invitation.TextBody!)[0]);
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.PostAsync(page, new FormUrlEncodedContent([new("score", "3"), new("comment", "Rude driver.")]));
        var responseId = (await ResponseApi.ListAsync(api)).Single().GetProperty("id").GetGuid();
        var caseId = (await FollowUpApi.WaitForCaseAsync(api, responseId)).GetProperty("id").GetGuid();

        await browser.PostAsync(page, new FormUrlEncodedContent([new("score", "10")]));

        await Poll.UntilAsync(async () => (await FollowUpApi.GetAsync(api, caseId)).GetProperty("case").GetProperty("score").GetInt32() == 10, "the new score on the case");
        var detail = await FollowUpApi.GetAsync(api, caseId);
        Assert.True(detail.GetProperty("case").GetProperty("nowPromoter").GetBoolean());
        Assert.Equal("open", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(3, detail.GetProperty("case").GetProperty("openingScore").GetInt32());
        var change = detail.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "score_changed");
        Assert.Equal(3, change.GetProperty("previousScore").GetInt32());
        Assert.Equal(10, change.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task A_department_head_sees_and_works_only_on_their_departments_cases()
    {
        var (_, api, survey) = await CompanyAsync();
        var support = await TenantApi.CreateDepartmentAsync(api, "Destek");
        var billing = await TenantApi.CreateDepartmentAsync(api, "Faturalama");
        var headEmail = Address("head");
        await (await api.PostAsJsonAsync("/api/v1/users/invitations", new { email = headEmail, role = "DepartmentHead", departmentIds = new[] { support } }))
            .JsonAsync(HttpStatusCode.Created);
        var invitation = await fixture.Smtp.WaitForAsync(m => m.To.Contains(headEmail), "the invitation email");
        var head = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var accepted = await TenantApi.PostFormAsync(head, new Uri(AcceptLink().Match(invitation.TextBody!).Value).PathAndQuery,
            new Dictionary<string, string> { ["Form.Name"] = "Ece Kaya", ["Form.Password"] = "head of support desk" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var headId = (await (await api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == headEmail).GetProperty("id").GetGuid();
        await (await api.PatchAsJsonAsync($"/api/v1/departments/{support}", new { headUserId = headId })).JsonAsync(HttpStatusCode.OK);

        var own = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("own"), score = 1, comment = "Support never answered.", departmentId = support })).GetProperty("id").GetGuid();
        var other = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = Address("other"), score = 0, comment = "Wrong invoice.", departmentId = billing })).GetProperty("id").GetGuid();
        var ownCase = await FollowUpApi.WaitForCaseAsync(api, own);
        var otherCase = (await FollowUpApi.WaitForCaseAsync(api, other)).GetProperty("id").GetGuid();
        Assert.Equal(headId, ownCase.GetProperty("assigneeUserId").GetGuid());
        var ownId = ownCase.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/app/follow-ups/{otherCase}")).StatusCode);
        var inbox = await head.GetStringAsync("/app/follow-ups?scope=all");
        Assert.Contains(ownId.ToString(), inbox);
        Assert.DoesNotContain(otherCase.ToString(), inbox);
        Assert.Contains("Support never answered.", await head.GetStringAsync($"/app/follow-ups/{ownId}"));
        Assert.Contains("data-testid=\"follow-up-metrics\"", await head.GetStringAsync("/dashboard"));
        var refused = await TenantApi.PostFormAsync(head, $"/app/follow-ups/{ownId}", new Dictionary<string, string> { ["status"] = "contacted" },
            $"/app/follow-ups/{otherCase}?handler=Status");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var marked = await TenantApi.PostFormAsync(head, $"/app/follow-ups/{ownId}", new Dictionary<string, string> { ["status"] = "contacted" },
            $"/app/follow-ups/{ownId}?handler=Status");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var detail = await FollowUpApi.GetAsync(api, ownId);
        Assert.Equal("contacted", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("Ece Kaya", detail.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString());
        Assert.Equal("open", (await FollowUpApi.GetAsync(api, otherCase)).GetProperty("case").GetProperty("status").GetString());
    }

    [GeneratedRegex(@"https?://\S+/invitations/accept\?\S+")]
    private static partial Regex AcceptLink();

    public sealed class Fixture : SmtpAppFixture;
}
