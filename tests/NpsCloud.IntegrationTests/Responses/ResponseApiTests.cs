using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>The responses API: recording with idempotency keys, reading, filtering, tags, notes, export and isolation between tenants.</summary>
public sealed class ResponseApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Api, Guid Survey)> CompanyAsync(object? survey = null)
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        return (api, await SurveyApi.CreateAsync(api, survey ?? new { name = "Support", kind = "transactional", locale = "en", touchpoint = "support" }));
    }

    private static async Task<HttpResponseMessage> PostKeyedAsync(HttpClient api, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    [Fact]
    public async Task A_recorded_answer_takes_the_surveys_touchpoint_and_is_read_back_with_its_person()
    {
        var (api, survey) = await CompanyAsync();
        var createdAt = DateTimeOffset.UtcNow.AddDays(-3);

        var created = await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "Deniz@Example.test", score = 9, comment = "Quick and kind.", createdAt, properties = new { ticket = "T-1" } });

        var read = await (await api.GetAsync($"/api/v1/responses/{created.GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(9, read.GetProperty("score").GetInt32());
        Assert.Equal("promoter", read.GetProperty("category").GetString());
        Assert.Equal("api", read.GetProperty("channel").GetString());
        Assert.Equal("support", read.GetProperty("touchpoint").GetString());
        Assert.Equal("Deniz@Example.test", read.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal(createdAt, read.GetProperty("respondedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("T-1", read.GetProperty("properties").GetProperty("ticket").GetString());
        // The address became a contact, found again by the same address in any case.
        var again = await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "deniz@example.TEST", score = 4 });
        Assert.Equal(read.GetProperty("contact").GetProperty("id").GetGuid(), again.GetProperty("contact").GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("""{"email":"a@example.test","score":7}""", "surveyId")]
    [InlineData("""{"surveyId":"SURVEY","score":7}""", "email")]
    [InlineData("""{"surveyId":"SURVEY","email":"a@example.test","score":11}""", "score")]
    [InlineData("""{"surveyId":"SURVEY","email":"a@example.test"}""", "score")]
    [InlineData("""{"surveyId":"SURVEY","email":"not an address","score":7}""", "email")]
    [InlineData("""{"surveyId":"SURVEY","email":"a@example.test","score":"seven"}""", "score")]
    [InlineData("""{"surveyId":"SURVEY","email":"a@example.test","score":7,"createdAt":"2999-01-01T00:00:00Z"}""", "createdAt")]
    [InlineData("""{"surveyId":"SURVEY","email":"a@example.test","contactId":"00000000-0000-0000-0000-000000000001","score":7}""", "email")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var (api, survey) = await CompanyAsync();

        var answer = await api.PostAsync("/api/v1/responses", new StringContent(body.Replace("SURVEY", survey.ToString()), System.Text.Encoding.UTF8, "application/json"));

        var problem = await answer.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task An_unknown_survey_contact_or_department_is_a_404()
    {
        var (api, survey) = await CompanyAsync();
        var (other, otherSurvey) = await CompanyAsync();
        var otherDepartment = await TenantApi.CreateDepartmentAsync(other, "Billing");

        await ResponseApi.RecordAsync(api, new { surveyId = otherSurvey, email = "a@example.test", score = 5 }, HttpStatusCode.NotFound);
        await ResponseApi.RecordAsync(api, new { surveyId = survey, contactId = Guid.NewGuid(), score = 5 }, HttpStatusCode.NotFound);
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "a@example.test", score = 5, departmentId = otherDepartment }, HttpStatusCode.NotFound);
        Assert.Empty(await ResponseApi.ListAsync(api));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_replays_the_first_answer_and_another_body_is_422()
    {
        var (api, survey) = await CompanyAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { surveyId = survey, email = "once@example.test", score = 6 };

        var first = await PostKeyedAsync(api, key, body);
        var replay = await PostKeyedAsync(api, key, body);
        var other = await PostKeyedAsync(api, key, body with { score = 7 });

        var created = await first.JsonAsync(HttpStatusCode.Created);
        var replayed = await replay.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(created.GetProperty("id").GetGuid(), replayed.GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var problem = await other.JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:npscloud:problem:idempotency_key_reused", problem.GetProperty("type").GetString());
        Assert.Single(await ResponseApi.ListAsync(api));
        // Keys belong to a company: another one may use the same key for its own request.
        var (otherApi, otherSurvey) = await CompanyAsync();
        await (await PostKeyedAsync(otherApi, key, new { surveyId = otherSurvey, email = "once@example.test", score = 6 })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Fifty_concurrent_identical_posts_create_one_response()
    {
        var (api, survey) = await CompanyAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { surveyId = survey, email = "rush@example.test", score = 10 };

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostKeyedAsync(api, key, body)));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<Guid>();
        foreach (var created in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        Assert.Single(ids);
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("urn:npscloud:problem:idempotency_key_in_use", (await conflict.JsonAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString());
        }

        Assert.Single(await ResponseApi.ListAsync(api));
        // Once the first has finished, a retry gets its answer.
        var retry = await (await PostKeyedAsync(api, key, body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(ids.Single(), retry.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_refused_request_releases_its_key_so_the_corrected_request_can_use_it()
    {
        var (api, survey) = await CompanyAsync();
        var key = Guid.NewGuid().ToString();

        await (await PostKeyedAsync(api, key, new { surveyId = Guid.NewGuid(), email = "fix@example.test", score = 8 })).JsonAsync(HttpStatusCode.NotFound);
        await (await PostKeyedAsync(api, key, new { surveyId = survey, email = "fix@example.test", score = 8 })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Filters_select_by_time_category_comment_tag_touchpoint_and_words_in_turkish_or_english()
    {
        var (api, survey) = await CompanyAsync();
        var department = await TenantApi.CreateDepartmentAsync(api, "Logistics");
        var now = DateTimeOffset.UtcNow;
        async Task<Guid> Record(int score, string? comment, int daysAgo, object? extra = null)
        {
            var body = JsonSerializer.SerializeToNode(new { surveyId = survey, email = $"p{Guid.NewGuid():N}@example.test", score, comment, createdAt = now.AddDays(-daysAgo) })!.AsObject();
            if (extra is not null)
            {
                foreach (var (k, v) in JsonSerializer.SerializeToNode(extra)!.AsObject()) body[k] = v?.DeepClone();
            }

            return (await ResponseApi.RecordAsync(api, body)).GetProperty("id").GetGuid();
        }

        var lateDelivery = await Record(2, "The deliveries were always late.", 40);
        var invoice = await Record(5, "Faturalarda sürekli hata var.", 20, new { departmentId = department, touchpoint = "billing" });
        var happy = await Record(10, "Harika hizmet, teşekkürler.", 10);
        var silent = await Record(8, null, 1);
        await (await api.PostAsJsonAsync($"/api/v1/responses/{invoice}/tags", new { tags = new[] { "Billing Error", "vip" } })).JsonAsync(HttpStatusCode.OK);

        async Task<List<Guid>> Ids(string query) => (await ResponseApi.ListAsync(api, query)).Select(r => r.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([silent, happy, invoice, lateDelivery], await Ids("")); // newest first
        Assert.Equal([invoice, lateDelivery], await Ids("?category=detractor"));
        Assert.Equal([silent], await Ids("?hasComment=false"));
        Assert.Equal([happy, invoice], await Ids($"?since={Uri.EscapeDataString(now.AddDays(-30).ToString("O"))}&until={Uri.EscapeDataString(now.AddDays(-5).ToString("O"))}"));
        Assert.Equal([invoice], await Ids("?tag=billing%20error"));
        Assert.Equal([invoice], await Ids($"?departmentId={department}&touchpoint=billing"));
        Assert.Equal([lateDelivery], await Ids("?q=delivery")); // English stemming: deliveries
        Assert.Equal([invoice], await Ids("?q=fatura")); // Turkish stemming: faturalarda
        Assert.Equal([happy], await Ids("?q=hizmet"));

        var bad = await (await api.GetAsync("/api/v1/responses?category=angry")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("category", out _));
        var badDate = await api.GetAsync("/api/v1/responses?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_repeating_or_skipping()
    {
        var (api, survey) = await CompanyAsync();
        for (var i = 0; i < 7; i++) await ResponseApi.RecordAsync(api, new { surveyId = survey, email = $"page{i}@example.test", score = i });

        var seen = new List<Guid>();
        var url = "/api/v1/responses?limit=3";
        while (url is not null)
        {
            var answer = await api.GetAsync(url);
            var page = await answer.JsonAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
            url = page.GetProperty("next").GetString() is { } next ? $"/api/v1/responses?limit=3&cursor={next}" : null;
            if (url is not null) Assert.Contains("rel=\"next\"", answer.Headers.GetValues("Link").Single());
        }

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public async Task Tags_are_added_once_removed_and_notes_keep_their_author()
    {
        var (api, survey) = await CompanyAsync();
        var id = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "t@example.test", score = 3 })).GetProperty("id").GetGuid();

        await (await api.PostAsJsonAsync($"/api/v1/responses/{id}/tags", new { tags = new[] { "Pricing", "pricing ", "late" } })).JsonAsync(HttpStatusCode.OK);
        var afterDelete = await (await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/responses/{id}/tags")
            { Content = JsonContent.Create(new { tags = new[] { "late" } }) })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["pricing"], afterDelete.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await (await api.DeleteAsync($"/api/v1/responses/{id}/tags/pricing")).JsonAsync(HttpStatusCode.OK);
        var empty = await (await api.PostAsJsonAsync($"/api/v1/responses/{id}/tags", new { tags = Array.Empty<string>() })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("tags", out _));

        await (await api.PostAsJsonAsync($"/api/v1/responses/{id}/notes", new { text = "Called back, refund agreed." })).JsonAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync($"/api/v1/responses/{id}/notes", new { text = " " })).JsonAsync(HttpStatusCode.BadRequest);

        var read = await (await api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(read.GetProperty("tags").EnumerateArray());
        var note = Assert.Single(read.GetProperty("notes").EnumerateArray());
        Assert.Equal("Called back, refund agreed.", note.GetProperty("text").GetString());
        Assert.StartsWith("API key", note.GetProperty("author").GetString());
    }

    [Fact]
    public async Task Another_companys_response_is_not_found_everywhere()
    {
        var (api, survey) = await CompanyAsync();
        var (intruder, _) = await CompanyAsync();
        var id = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "mine@example.test", score = 1, comment = "private" })).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/v1/responses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsJsonAsync($"/api/v1/responses/{id}/tags", new { tags = new[] { "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.DeleteAsync($"/api/v1/responses/{id}/tags/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsJsonAsync($"/api/v1/responses/{id}/notes", new { text = "x" })).StatusCode);
        Assert.Empty(await ResponseApi.ListAsync(intruder));
        Assert.DoesNotContain("private", await intruder.GetStringAsync("/api/v1/responses/export"));
        Assert.Empty(await ResponseApi.ListAsync(intruder, $"?surveyId={survey}"));
    }

    [Fact]
    public async Task The_export_is_csv_of_the_filtered_list_with_formulas_neutralised()
    {
        var (api, survey) = await CompanyAsync();
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "x@example.test", score = 0, comment = "=HYPERLINK(\"http://evil\"), really" });
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "y@example.test", score = 10, comment = "Great" });

        var answer = await api.GetAsync("/api/v1/responses/export?category=detractor");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/csv", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", answer.Content.Headers.ContentDisposition!.ToString());
        var lines = (await answer.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal("id,respondedAt,surveyId,survey,contactId,email,score,category,comment,departmentId,touchpoint,channel,tags,locale,suspectedAutomation", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",x@example.test,0,detractor,\"'=HYPERLINK(\"\"http://evil\"\"), really\",", row);
        await (await api.GetAsync("/api/v1/responses/export?until=2000-01-01&since=2001-01-01")).JsonAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>A company in Istanbul with one department and two answers, one of them a formula; its export in a language.</summary>
    private async Task<(byte[] Bytes, HttpResponseMessage Answer)> ExcelExportAsync(string language, string locale)
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, "Ege Lojistik", locale: "tr")).ApiKey);
        var survey = await SurveyApi.CreateAsync(api, new { name = "Teslimat sonrası", kind = "transactional", locale, touchpoint = "delivery" });
        var department = await TenantApi.CreateDepartmentAsync(api, "Kargo; İzmir");
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "selin@example.test", score = 9, comment = "Hızlı, nazik", createdAt = "2026-03-02T10:15:00Z", departmentId = department });
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "emre@example.test", score = 3, comment = "=1+2", createdAt = "2026-03-02T22:30:00Z" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/responses/export?format=excel");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadAsByteArrayAsync(), answer);
    }

    [Fact]
    public async Task The_excel_export_in_turkish_is_semicolon_separated_in_istanbul_time_with_names_and_turkish_headers()
    {
        var (bytes, answer) = await ExcelExportAsync("tr", "tr");

        Assert.Equal("text/csv", answer.Content.Headers.ContentType!.MediaType);
        var expected = "\uFEFF" +
            "Yanıt zamanı (Europe/Istanbul);Anket;E-posta;Puan;Kategori;Yorum;Departman;Temas noktası;Kanal;Etiketler;Dil;Otomatik yanıt şüphesi\r\n" +
            "2026-03-03 01:30:00;Teslimat sonrası;emre@example.test;3;Kötüleyen;'=1+2;;delivery;API;;tr;Hayır\r\n" +
            "2026-03-02 13:15:00;Teslimat sonrası;selin@example.test;9;Destekçi;Hızlı, nazik;\"Kargo; İzmir\";delivery;API;;tr;Hayır\r\n";
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
    }

    [Fact]
    public async Task The_excel_export_in_english_is_comma_separated_with_english_headers_and_the_machine_format_stays_the_default()
    {
        var (bytes, _) = await ExcelExportAsync("en", "en");

        var expected = "\uFEFF" +
            "Answered (Europe/Istanbul),Survey,Email,Score,Category,Comment,Department,Touchpoint,Channel,Tags,Language,Suspected automation\r\n" +
            "2026-03-03 01:30:00,Teslimat sonrası,emre@example.test,3,Detractor,'=1+2,,delivery,API,,en,No\r\n" +
            "2026-03-02 13:15:00,Teslimat sonrası,selin@example.test,9,Promoter,\"Hızlı, nazik\",Kargo; İzmir,delivery,API,,en,No\r\n";
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(bytes));

        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, locale: "tr")).ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/responses/export");
        request.Headers.AcceptLanguage.ParseAdd("tr");
        Assert.StartsWith("id,respondedAt,surveyId,", (await (await api.SendAsync(request)).Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        var refused = await (await api.GetAsync("/api/v1/responses/export?format=xlsx")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("format", out _));
    }

    [Fact]
    public async Task Erasing_a_contact_removes_their_comments_and_keeps_their_scores()
    {
        var (api, survey) = await CompanyAsync();
        var created = await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "forget-me@example.test", score = 2, comment = "My name is Deniz, call me on 0555" });
        var contact = created.GetProperty("contact").GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/contacts/{contact}")).StatusCode);

        var id = created.GetProperty("id").GetGuid();
        await Poll.UntilAsync(async () =>
            (await (await api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("comment").ValueKind == JsonValueKind.Null,
            "the comment to be erased");
        var read = await (await api.GetAsync($"/api/v1/responses/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, read.GetProperty("score").GetInt32());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("contact").ValueKind);
    }
}
