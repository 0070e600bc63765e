using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NpsCloud.IntegrationTests.Tenants;

namespace NpsCloud.IntegrationTests.Surveys;

public static partial class SurveyApi
{
    public static async Task<Guid> CreateAsync(HttpClient client, object survey)
    {
        var created = await (await client.PostAsJsonAsync("/api/v1/surveys", survey)).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    public static async Task<Guid> ActiveTransactionalAsync(HttpClient client, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(new { name = "After delivery", kind = "transactional", locale = "en" })!.AsObject();
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject()) body[key] = value?.DeepClone();
        }

        var id = await CreateAsync(client, body);
        await (await client.PostAsync($"/api/v1/surveys/{id}/activate", null)).JsonAsync(HttpStatusCode.OK);
        return id;
    }

    public static async Task<JsonElement> RequestAsync(HttpClient client, Guid survey, object request, HttpStatusCode expected = HttpStatusCode.Accepted) =>
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/requests", request)).JsonAsync(expected);

    /// <summary>The eleven score links of an invitation email, in order.</summary>
    public static List<string> ScoreLinks(string body) => ScoreLink().Matches(body).Select(m => m.Value).Distinct().ToList();

    public static string TokenOf(string scoreLink) => scoreLink[(scoreLink.IndexOf("/r/", StringComparison.Ordinal) + 3)..scoreLink.IndexOf('?')];

    [GeneratedRegex(@"https?://[^\s""<>]+/r/[A-Za-z0-9_-]+\?score=\d+")]
    private static partial Regex ScoreLink();
}
