using System.Net;
using System.Net.Http.Json;
using System.Text;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

public sealed class SurveyApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<HttpClient> ClientAsync(string company = "Anadolu Kargo") =>
        fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, company, locale: "tr")).ApiKey);

    [Fact]
    public async Task A_new_survey_is_a_draft_with_defaults_and_the_localised_question()
    {
        var client = await ClientAsync();

        var created = await (await client.PostAsJsonAsync("/api/v1/surveys", new { name = "Teslimat", kind = "transactional", locale = "tr", touchpoint = "Delivery" }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Equal("delivery", created.GetProperty("touchpoint").GetString());
        Assert.Equal(30, created.GetProperty("linkValidDays").GetInt32());
        Assert.Equal(0, created.GetProperty("reminderAfterDays").GetInt32());
        Assert.Equal("#4f46e5", created.GetProperty("brandColor").GetString());
        Assert.Equal("Anadolu Kargo şirketini bir arkadaşınıza veya meslektaşınıza önerme olasılığınız nedir?", created.GetProperty("questionText").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_including_nested_ones()
    {
        var client = await ClientAsync();

        var problem = await (await client.PostAsJsonAsync("/api/v1/surveys", new
        {
            name = "", kind = "weekly", locale = "de", brandColor = "blue", logoUrl = "ftp://x", reminderAfterDays = 99, linkValidDays = 0,
            schedule = new { everyDays = 7, cadence = "quarterly" },
            followUpQuestions = new { detractor = new string('x', 501) },
        })).JsonAsync(HttpStatusCode.BadRequest);

        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "name", "kind", "locale", "brandColor", "logoUrl", "reminderAfterDays", "linkValidDays", "schedule", "schedule.firstWaveAt", "followUpQuestions.detractor" }, fields);
    }

    [Fact]
    public async Task Patch_merges_changes_keeps_absent_fields_and_null_clears()
    {
        var client = await ClientAsync();
        var id = await SurveyApi.CreateAsync(client, new
        {
            name = "Quarterly", kind = "relationship", locale = "en", question = "How likely are you to recommend {company}?",
            followUpQuestions = new { promoter = "Great! Why?", detractor = "Sorry. What went wrong?" },
        });

        var patched = await (await client.PatchAsync($"/api/v1/surveys/{id}", new StringContent(
            """{"name": "Quarterly NPS", "question": null, "followUpQuestions": {"promoter": "What do you love?"}}""", Encoding.UTF8, "application/merge-patch+json")))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Quarterly NPS", patched.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("question").ValueKind);
        Assert.Equal("What do you love?", patched.GetProperty("followUpQuestions").GetProperty("promoter").GetString());
        Assert.Equal("Sorry. What went wrong?", patched.GetProperty("followUpQuestions").GetProperty("detractor").GetString());
        var kindChange = await (await client.PatchAsJsonAsync($"/api/v1/surveys/{id}", new { kind = "transactional" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(kindChange.GetProperty("errors").TryGetProperty("kind", out _));
        var badType = await (await client.PatchAsync($"/api/v1/surveys/{id}", new StringContent("""{"linkValidDays": "soon"}""", Encoding.UTF8, "application/json")))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badType.GetProperty("errors").TryGetProperty("linkValidDays", out _));
    }

    [Fact]
    public async Task Status_changes_follow_the_lifecycle_and_a_relationship_survey_needs_a_schedule_to_start()
    {
        var client = await ClientAsync();
        var id = await SurveyApi.CreateAsync(client, new { name = "Yearly", kind = "relationship", locale = "en" });

        var unscheduled = await (await client.PostAsync($"/api/v1/surveys/{id}/activate", null)).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("schedule", unscheduled.GetProperty("detail").GetString());
        await (await client.PostAsync($"/api/v1/surveys/{id}/pause", null)).JsonAsync(HttpStatusCode.Conflict);

        await (await client.PatchAsJsonAsync($"/api/v1/surveys/{id}", new
        {
            schedule = new { cadence = "yearly", firstWaveAt = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-ddTHH:mm:ss") },
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", (await (await client.PostAsync($"/api/v1/surveys/{id}/activate", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("paused", (await (await client.PostAsync($"/api/v1/surveys/{id}/pause", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("archived", (await (await client.PostAsync($"/api/v1/surveys/{id}/archive", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        await (await client.PostAsync($"/api/v1/surveys/{id}/activate", null)).JsonAsync(HttpStatusCode.Conflict);
        await (await client.PatchAsJsonAsync($"/api/v1/surveys/{id}", new { name = "Changed" })).JsonAsync(HttpStatusCode.Conflict);

        var listed = await (await client.GetAsync("/api/v1/surveys")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        Assert.Single((await (await client.GetAsync("/api/v1/surveys?status=archived")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_department_with_a_survey_is_archived_not_deleted()
    {
        var client = await ClientAsync();
        var department = await TenantApi.CreateDepartmentAsync(client, "Billing");
        await SurveyApi.CreateAsync(client, new { name = "Invoices", kind = "transactional", locale = "en", departmentId = department, touchpoint = "billing" });

        var deleted = await (await client.DeleteAsync($"/api/v1/departments/{department}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("archived", deleted.GetProperty("outcome").GetString());
        var archivedDepartment = await (await client.PostAsJsonAsync("/api/v1/surveys", new { name = "New", kind = "transactional", locale = "en", departmentId = department }))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("archived", archivedDepartment.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Members_are_for_relationship_surveys_and_unknown_contact_ids_are_404()
    {
        var client = await ClientAsync();
        var transactional = await SurveyApi.CreateAsync(client, new { name = "T", kind = "transactional", locale = "en" });
        var relationship = await SurveyApi.CreateAsync(client, new { name = "R", kind = "relationship", locale = "en" });

        await (await client.PostAsJsonAsync($"/api/v1/surveys/{transactional}/members", new { emails = new[] { "a@example.test" } })).JsonAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{relationship}/members", new { contactIds = new[] { Guid.NewGuid() } })).JsonAsync(HttpStatusCode.NotFound);
        var empty = await (await client.PostAsJsonAsync($"/api/v1/surveys/{relationship}/members", new { })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("emails", out _));

        var added = await (await client.PostAsJsonAsync($"/api/v1/surveys/{relationship}/members", new { emails = new[] { "a@example.test", "A@example.test", "b@example.test" } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, added.GetProperty("added").GetInt32());
        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/{relationship}/members") { Content = JsonContent.Create(new { emails = new[] { "b@example.test" } }) };
        Assert.Equal(1, (await (await client.SendAsync(remove)).JsonAsync(HttpStatusCode.OK)).GetProperty("removed").GetInt32());
        Assert.Single((await (await client.GetAsync($"/api/v1/surveys/{relationship}/members")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }
}
