using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Segments: named property filters over a company's contacts, managed by owners, admins and tenant-wide keys.</summary>
public sealed class SegmentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_segment_is_created_previewed_with_Turkish_case_folding_listed_updated_and_deleted()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        foreach (var (email, city) in new[] { ("a", "İzmir"), ("b", "IZMIR "), ("c", "izmir"), ("d", "Ankara") })
        {
            await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = $"{email}-{Guid.NewGuid():N}@example.test", properties = new { City = city } })).JsonAsync(HttpStatusCode.Created);
        }

        var created = await (await client.PostAsJsonAsync("/api/v1/segments", new { name = "İzmir", filters = new[] { new { property = "city", values = new[] { " İZMİR" } } } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("İzmir", created.GetProperty("name").GetString());
        Assert.Equal("İZMİR", created.GetProperty("filters")[0].GetProperty("values")[0].GetString());

        var preview = await (await client.GetAsync($"/api/v1/segments/{id}/preview")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, preview.GetProperty("matching").GetInt32());

        var listed = await (await client.GetAsync("/api/v1/segments")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);

        var updated = await (await client.PutAsJsonAsync($"/api/v1/segments/{id}", new { name = "İzmir or Ankara", filters = new[] { new { property = "CITY", values = new[] { "ankara", "izmir" } } } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("İzmir or Ankara", updated.GetProperty("name").GetString());
        Assert.Equal(4, (await (await client.GetAsync($"/api/v1/segments/{id}/preview")).JsonAsync(HttpStatusCode.OK)).GetProperty("matching").GetInt32());

        var later = await (await client.PutAsJsonAsync($"/api/v1/segments/{id}", new { name = "Added later", createdAfter = DateTimeOffset.UtcNow.AddDays(1) })).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(later.GetProperty("filters").EnumerateArray());
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/segments/{id}/preview")).JsonAsync(HttpStatusCode.OK)).GetProperty("matching").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/segments/{id}")).StatusCode);
        await (await client.GetAsync($"/api/v1/segments/{id}")).JsonAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/segments/{id}")).JsonAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadSegments => new()
    {
        { """{"name":" ","filters":[{"property":"city","values":["İzmir"]}]}""", "name" },
        { $$"""{"name":"{{new string('x', 101)}}","filters":[{"property":"city","values":["İzmir"]}]}""", "name" },
        { """{"name":"Nothing"}""", "filters" },
        { """{"name":"Nothing","filters":[]}""", "filters" },
        { """{"name":"Blank property","filters":[{"property":"","values":["İzmir"]}]}""", "filters[0].property" },
        { $$"""{"name":"Long property","filters":[{"property":"{{new string('p', 101)}}","values":["x"]}]}""", "filters[0].property" },
        { """{"name":"No values","filters":[{"property":"city","values":[]}]}""", "filters[0].values" },
        { """{"name":"Blank value","filters":[{"property":"city","values":["  "]}]}""", "filters[0].values[0]" },
        { $$"""{"name":"Many values","filters":[{"property":"city","values":[{{string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"v{i}\""))}}]}]}""", "filters[0].values" },
        { $$"""{"name":"Many filters","filters":[{{string.Join(",", Enumerable.Range(0, 11).Select(i => $$"""{"property":"p{{i}}","values":["x"]}"""))}}]}""", "filters" },
        { """{"name":"Null filter","filters":[null]}""", "filters[0]" },
        { """{"name":"Control","filters":[{"property":"ci\u0000ty","values":["x"]}]}""", "filters[0].property" },
        { """{"name":"Backwards","createdAfter":"2026-05-01T00:00:00Z","createdBefore":"2026-01-01T00:00:00Z"}""", "createdBefore" },
        { """{"name":"Year one","createdAfter":"0001-01-01T00:00:00Z"}""", "createdAfter" },
        { """{"name":"Far future","createdBefore":"9999-12-31T23:59:59Z"}""", "createdBefore" },
    };

    [Theory]
    [MemberData(nameof(BadSegments))]
    public async Task A_bad_segment_answers_400_naming_the_field(string body, string field)
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

        var problem = await (await client.PostAsync("/api/v1/segments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Empty((await (await client.GetAsync("/api/v1/segments")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Another_companys_segment_answers_404_and_cannot_be_a_surveys_audience()
    {
        var theirs = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var ours = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var segment = (await (await theirs.PostAsJsonAsync("/api/v1/segments", new { name = "Theirs", filters = new[] { new { property = "city", values = new[] { "Bursa" } } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var survey = await SurveyApi.CreateAsync(ours, new { name = "Ours", kind = "relationship", locale = "en" });

        await (await ours.GetAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.NotFound);
        await (await ours.GetAsync($"/api/v1/segments/{segment}/preview")).JsonAsync(HttpStatusCode.NotFound);
        await (await ours.PutAsJsonAsync($"/api/v1/segments/{segment}", new { name = "Taken", filters = new[] { new { property = "city", values = new[] { "x" } } } })).JsonAsync(HttpStatusCode.NotFound);
        await (await ours.DeleteAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.NotFound);
        await (await ours.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "segment", segmentId = segment })).JsonAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await ours.GetAsync("/api/v1/segments")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal("Theirs", (await (await theirs.GetAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_caller_limited_to_a_department_cannot_use_segments_or_point_its_survey_at_the_whole_company()
    {
        var owner = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var department = await TenantApi.CreateDepartmentAsync(owner, "Destek");
        var limited = fixture.App.WithKey((await (await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = "Support", scopes = new[] { "read", "write" }, departmentIds = new[] { department } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("key").GetString()!);
        var segment = (await (await owner.PostAsJsonAsync("/api/v1/segments", new { name = "All of Bursa", filters = new[] { new { property = "city", values = new[] { "Bursa" } } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var survey = await SurveyApi.CreateAsync(owner, new { name = "Support NPS", kind = "relationship", locale = "en", departmentId = department });

        await (await limited.PostAsJsonAsync("/api/v1/segments", new { name = "Mine", filters = new[] { new { property = "city", values = new[] { "Bursa" } } } })).JsonAsync(HttpStatusCode.Forbidden);
        await (await limited.PutAsJsonAsync($"/api/v1/segments/{segment}", new { name = "Mine", filters = new[] { new { property = "city", values = new[] { "x" } } } })).JsonAsync(HttpStatusCode.Forbidden);
        await (await limited.DeleteAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.Forbidden);
        await (await limited.GetAsync("/api/v1/segments")).JsonAsync(HttpStatusCode.Forbidden);
        await (await limited.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "all" })).JsonAsync(HttpStatusCode.Forbidden);
        await (await limited.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "segment", segmentId = segment })).JsonAsync(HttpStatusCode.Forbidden);

        var own = await (await limited.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "members" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("members", own.GetProperty("mode").GetString());
        Assert.Equal("All of Bursa", (await (await owner.GetAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_segment_a_survey_asks_cannot_be_deleted_until_the_survey_asks_someone_else()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var segment = (await (await client.PostAsJsonAsync("/api/v1/segments", new { name = "Kurumsal", filters = new[] { new { property = "segment", values = new[] { "kurumsal", "bireysel" } } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var survey = await SurveyApi.CreateAsync(client, new { name = "Yearly", kind = "relationship", locale = "en" });
        await (await client.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "segment", segmentId = segment })).JsonAsync(HttpStatusCode.OK);

        await (await client.DeleteAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(survey, (await (await client.GetAsync($"/api/v1/segments/{segment}")).JsonAsync(HttpStatusCode.OK)).GetProperty("usedBySurveys")[0].GetGuid());

        await (await client.PutAsJsonAsync($"/api/v1/surveys/{survey}/audience", new { mode = "all" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/segments/{segment}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"mode":"everyone"}""", "mode")]
    [InlineData("""{}""", "mode")]
    [InlineData("""{"mode":"segment"}""", "segmentId")]
    [InlineData("""{"mode":"all","segmentId":"0198a1f0-0000-7000-8000-000000000000"}""", "segmentId")]
    public async Task A_bad_audience_answers_400_naming_the_field(string body, string field)
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var survey = await SurveyApi.CreateAsync(client, new { name = "Yearly", kind = "relationship", locale = "en" });

        var problem = await (await client.PutAsync($"/api/v1/surveys/{survey}/audience", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}
