using System.Net;
using System.Text;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>The bulk import: streamed CSV and JSON lines, binary COPY, bad rows reported by line and never stopping the good ones.</summary>
public sealed class BulkImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Api, Guid Survey, Guid Tenant)> CompanyAsync()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        return (api, await SurveyApi.CreateAsync(api, new { name = "History", kind = "transactional", locale = "tr", touchpoint = "store" }), company.TenantId);
    }

    private Task<long> CountAsync(Guid tenant, string where = "true") =>
        fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from responses.responses where tenant_id = '{tenant}' and {where}");

    [Fact]
    public async Task A_hundred_thousand_csv_rows_with_ten_bad_ones_import_the_rest_and_name_the_ten_lines()
    {
        var (api, survey, tenant) = await CompanyAsync();
        var csv = new StringBuilder("surveyId;email;score;comment;createdAt;region\n");
        var badLines = new Dictionary<int, string>();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var row = 0; row < 100_000; row++)
        {
            var line = row + 2; // the header is line 1
            var (email, score, createdAt) = ($"buyer{row % 1000}@example.test", (row % 11).ToString(), start.AddMinutes(row).ToString("O"));
            if (row % 10_000 == 5000)
            {
                // Ten bad rows, each wrong in its own way.
                (email, score, createdAt, var field) = (row / 10_000) switch
                {
                    0 => (email, "11", createdAt, "score"),
                    1 => (email, "ten", createdAt, "score"),
                    2 => ("not-an-address", score, createdAt, "email"),
                    3 => ("", score, createdAt, "email"),
                    4 => (email, "", createdAt, "score"),
                    5 => (email, score, "yesterday", "createdAt"),
                    6 => (email, score, "2999-01-01T00:00:00Z", "createdAt"),
                    7 => (email, "-1", createdAt, "score"),
                    8 => (email, "7.5", createdAt, "score"),
                    _ => (new string('x', 250) + "@example.test", score, createdAt, "email"),
                };
                badLines[line] = field;
            }

            csv.Append(survey).Append(';').Append(email).Append(';').Append(score).Append(';')
                .Append(row % 3 == 0 ? "\"Hızlı, güler yüzlü; teşekkürler\"" : "").Append(';').Append(createdAt).Append(";Ege\n");
        }

        var result = await ResponseApi.ImportAsync(api, csv.ToString());

        Assert.Equal(99_990, result.GetProperty("imported").GetInt32());
        Assert.Equal(10, result.GetProperty("rejected").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal(badLines.OrderBy(b => b.Key).Select(b => (b.Key, (string?)b.Value)), errors);
        Assert.Equal(99_990, await CountAsync(tenant));
        Assert.Equal(1000, await fixture.Database.ScalarAsAdminAsync<long>($"select count(distinct contact_id) from responses.responses where tenant_id = '{tenant}'"));
        var commented = Enumerable.Range(0, 100_000).Count(row => row % 3 == 0 && !badLines.ContainsKey(row + 2));
        Assert.Equal(commented, await CountAsync(tenant, "comment = 'Hızlı, güler yüzlü; teşekkürler'"));
        Assert.Equal(99_990, await CountAsync(tenant, "touchpoint = 'store' and channel = 'import' and properties->>'region' = 'Ege'"));
        // The score's category is the database's own: it cannot disagree with the score.
        Assert.Equal(0, await CountAsync(tenant, "category <> case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end"));
        // One event for the whole import, in the same transaction.
        var importId = result.GetProperty("importId").GetGuid();
        Assert.Equal(1, await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where type like '%.ResponsesImported' and payload->>'importId' = '{importId}' and (payload->>'count')::int = 99990"));
    }

    [Fact]
    public async Task Times_with_any_offset_are_stored_as_the_instants_they_name_through_the_import_and_the_api()
    {
        var (api, survey, tenant) = await CompanyAsync();

        var imported = await ResponseApi.ImportAsync(api, $"surveyId,email,score,createdAt\n{survey},istanbul@example.test,9,2025-03-01T12:00:00+03:00\n");
        Assert.Equal(1, imported.GetProperty("imported").GetInt32());
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "newyork@example.test", score = 4, createdAt = "2025-03-01T04:00:00-05:00" });

        Assert.Equal(2L, await CountAsync(tenant, "responded_at = '2025-03-01T09:00:00Z'"));
    }

    [Fact]
    public async Task Json_lines_import_with_contact_ids_and_a_broken_line_reported()
    {
        var (api, survey, tenant) = await CompanyAsync();
        var contact = (await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "known@example.test", score = 5 })).GetProperty("contact").GetProperty("id").GetGuid();
        var lines = string.Join('\n',
            $$"""{"surveyId":"{{survey}}","contactId":"{{contact}}","score":9,"comment":"Tekrar alırım","touchpoint":"web"}""",
            "",
            $$$"""{"surveyId":"{{{survey}}}","email":"new@example.test","score":2,"properties":{"order":"A-7"}}""",
            """{"surveyId": this is not json""",
            $$"""{"surveyId":"{{survey}}","contactId":"{{Guid.NewGuid()}}","score":4}""",
            $$"""{"surveyId":"{{Guid.NewGuid()}}","email":"x@example.test","score":4}""",
            $$"""{"surveyId":"{{survey}}","email":"x@example.test","score":"high"}""");

        var result = await ResponseApi.ImportAsync(api, lines, "application/x-ndjson");

        Assert.Equal(2, result.GetProperty("imported").GetInt32());
        Assert.Equal(
            [(4, "surveyId"), (5, "contactId"), (6, "surveyId"), (7, "score")],
            result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()!)).ToList());
        Assert.Equal(1, await CountAsync(tenant, $"contact_id = '{contact}' and touchpoint = 'web' and comment = 'Tekrar alırım'"));
        Assert.Equal(1, await CountAsync(tenant, "properties->>'order' = 'A-7' and touchpoint = 'store'"));
    }

    [Fact]
    public async Task A_file_without_the_needed_columns_or_of_another_type_is_refused_whole()
    {
        var (api, survey, tenant) = await CompanyAsync();

        var missing = await ResponseApi.ImportAsync(api, $"survey,score\n{survey},9\n", expected: HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("file", out _));
        var wrongType = await ResponseApi.ImportAsync(api, "{}", "application/json", HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_media_type", wrongType.GetProperty("code").GetString());
        await ResponseApi.ImportAsync(api, "", expected: HttpStatusCode.BadRequest);
        Assert.Equal(0, await CountAsync(tenant));
    }

    [Fact]
    public async Task An_import_after_the_trial_is_refused_and_stores_nothing()
    {
        var (api, survey, tenant) = await CompanyAsync();
        await fixture.Database.ExecuteAsAdminAsync($"update tenants.tenants set trial_ends_at = now() - interval '1 day' where tenant_id = '{tenant}'");
        // The host keeps a copy of the company; the change's notification makes it go within moments.
        await Poll.UntilAsync(async () => (await (await api.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("plan").GetString() == "expired",
            "the host to see the trial has ended", TimeSpan.FromSeconds(10));

        var refused = await ResponseApi.ImportAsync(api, $"surveyId,email,score\n{survey},a@example.test,9\n", expected: HttpStatusCode.PaymentRequired);

        Assert.Equal("urn:npscloud:problem:trial_expired", refused.GetProperty("type").GetString());
        Assert.Equal(0, await CountAsync(tenant));
    }

    [Theory]
    [InlineData("responses-sample.csv")]
    [InlineData("yanitlar-ornek.csv")]
    public async Task The_sample_files_the_import_page_links_import_every_row_once_the_survey_s_id_is_filled_in(string sample)
    {
        var (api, survey, _) = await CompanyAsync();
        var csv = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "NpsCloud.Host", "wwwroot", "samples", sample));
        Assert.Contains(Guid.Empty.ToString(), csv); // the placeholder the page's hint asks to replace

        var result = await ResponseApi.ImportAsync(api, csv.Replace(Guid.Empty.ToString(), survey.ToString()));

        Assert.Equal(3, result.GetProperty("imported").GetInt32());
        Assert.Equal(0, result.GetProperty("rejected").GetInt32());
    }
}
