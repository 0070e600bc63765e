using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Api;

/// <summary>The lists that answered plain arrays before answer pages now, with the same rules as every other list.</summary>
public sealed class ListPagingTests(ListPagingTests.Fixture fixture) : IClassFixture<ListPagingTests.Fixture>
{
    public static TheoryData<string> Lists => ["departments", "surveys", "api-keys", "goal-reviews"];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Two_pages_with_a_link_to_the_second_and_no_next_on_the_last(string list)
    {
        var (api, path, created) = await fixture.ThreeOfAsync(list);

        var first = await api.GetAsync($"{path}?limit=2");
        var firstPage = await first.JsonAsync(HttpStatusCode.OK);
        var next = firstPage.GetProperty("next").GetString();
        Assert.NotNull(next);
        Assert.Equal($"<{path}?limit=2&cursor={next}>; rel=\"next\"", first.Headers.GetValues("Link").Single());

        var second = await api.GetAsync($"{path}?limit=2&cursor={next}");
        var secondPage = await second.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("next").ValueKind);
        Assert.False(second.Headers.Contains("Link"));

        var listed = Ids(firstPage).Concat(Ids(secondPage)).ToList();
        Assert.Equal([2, 1], [firstPage.GetProperty("items").GetArrayLength(), secondPage.GetProperty("items").GetArrayLength()]);
        Assert.Equal(created.Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_cursor_this_api_did_not_issue_or_a_limit_out_of_range_is_a_400_naming_it(string list)
    {
        var (api, path, _) = await fixture.ThreeOfAsync(list);

        var badCursor = await (await api.GetAsync($"{path}?cursor=not*a*cursor")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badCursor.GetProperty("errors").TryGetProperty("cursor", out _), badCursor.ToString());
        var badLimit = await (await api.GetAsync($"{path}?limit=101")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badLimit.GetProperty("errors").TryGetProperty("limit", out _), badLimit.ToString());
    }

    [Fact]
    public async Task Users_answer_a_page_too()
    {
        var api = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var page = await (await api.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK);

        Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid());

    public sealed class Fixture : AppFixture
    {
        private readonly Dictionary<string, (HttpClient Api, string Path, List<Guid> Ids)> _lists = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        /// <summary>A company with three items of the list (made once per class), and the list's address.</summary>
        public async Task<(HttpClient Api, string Path, List<Guid> Ids)> ThreeOfAsync(string list)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_lists.TryGetValue(list, out var made))
                {
                    var api = App.WithKey((await TenantApi.SignUpAsync(App)).ApiKey);
                    var (path, ids) = await MakeAsync(api, list);
                    _lists[list] = made = (api, path, ids);
                }

                return made;
            }
            finally
            {
                _gate.Release();
            }
        }

        private static async Task<(string, List<Guid>)> MakeAsync(HttpClient api, string list)
        {
            switch (list)
            {
                case "departments":
                    return ("/api/v1/departments", [await DepartmentAsync(api, "One"), await DepartmentAsync(api, "Two"), await DepartmentAsync(api, "Three")]);
                case "surveys":
                    var surveys = new List<Guid>();
                    foreach (var name in new[] { "A", "B", "C" })
                    {
                        surveys.Add(await IdOfAsync(api.PostAsJsonAsync("/api/v1/surveys", new { name, kind = "transactional", locale = "en" })));
                    }

                    return ("/api/v1/surveys", surveys);
                case "api-keys":
                    var keys = (await (await api.GetAsync("/api/v1/api-keys")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
                        .Select(k => k.GetProperty("id").GetGuid()).ToList();
                    keys.Add(await IdOfAsync(api.PostAsJsonAsync("/api/v1/api-keys", new { name = "second", scopes = new[] { "read" } })));
                    keys.Add(await IdOfAsync(api.PostAsJsonAsync("/api/v1/api-keys", new { name = "third", scopes = new[] { "read" } })));
                    return ("/api/v1/api-keys", keys);
                default:
                    var department = await DepartmentAsync(api, "Reviewed");
                    var goal = await IdOfAsync(api.PostAsJsonAsync("/api/v1/goals", new { departmentId = department, targetNps = 30, periodStart = "2026-01-01", periodEnd = "2026-12-31" }));
                    var reviews = new List<Guid>();
                    for (var i = 0; i < 3; i++) reviews.Add(await IdOfAsync(api.PostAsync($"/api/v1/goals/{goal}/reviews", null)));
                    return ($"/api/v1/goals/{goal}/reviews", reviews);
            }
        }

        private static Task<Guid> DepartmentAsync(HttpClient api, string name) => IdOfAsync(api.PostAsJsonAsync("/api/v1/departments", new { name }));

        private static async Task<Guid> IdOfAsync(Task<HttpResponseMessage> create) =>
            (await (await create).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}
