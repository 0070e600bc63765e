using System.Net;
using System.Net.Http.Json;
using System.Text;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>
/// The chat channels API as shipped (private receivers refused): what an address must be, that it is
/// never shown again nor stored in the clear, and that unknown ids are 404s. Nothing here posts anywhere.
/// </summary>
public sealed class ChatChannelApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<HttpClient> CompanyAsync() => fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

    public static TheoryData<string, string> BadChannels => new()
    {
        { """{"kind":"discord","url":"https://hooks.slack.com/services/T0/B0/abc"}""", "kind" },
        { """{"url":"https://hooks.slack.com/services/T0/B0/abc"}""", "kind" },
        { """{"kind":"slack"}""", "url" },
        { """{"kind":"slack","url":"https://example.com/services/T0/B0/abc"}""", "url" },
        { """{"kind":"slack","url":"http://hooks.slack.com/services/T0/B0/abc"}""", "url" },
        { """{"kind":"slack","url":"https://hooks.slack.com.evil.example/services/T0/B0/abc"}""", "url" },
        { """{"kind":"slack","url":"https://hooks.slack.com/triggers/T0/abc"}""", "url" },
        { """{"kind":"teams","url":"http://teams.example.com/hook"}""", "url" },
        { """{"kind":"teams","url":"https://127.0.0.1/hook"}""", "url" },
        { """{"kind":"teams","url":"https://[::ffff:10.0.0.1]/hook"}""", "url" },
        { """{"kind":"teams","url":"https://169.254.169.254/latest"}""", "url" },
        { """{"kind":"teams","url":"https://user:pass@teams.example.com/hook"}""", "url" },
        { """{"kind":"teams","url":"https://teams.example.com/a\u0000b"}""", "url" },
        { """{"kind":"teams","url":"https://teams.example.com/a b"}""", "url" },
        { """{"kind":"teams","url":"not a url"}""", "url" },
        { """{"kind":"teams","url":"https://teams.example.com/hook","language":"de"}""", "language" },
    };

    [Theory]
    [MemberData(nameof(BadChannels))]
    public async Task A_channel_that_cannot_be_posted_to_is_a_400_naming_the_field(string body, string field)
    {
        var api = await CompanyAsync();

        var problem = await (await api.PostAsync("/api/v1/chat-channels", new StringContent(body, Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty(await ChatApi.ListAsync(api));
    }

    [Fact]
    public async Task An_address_is_shown_only_as_its_host_and_last_four_characters_and_stored_encrypted()
    {
        var api = await CompanyAsync();
        const string slack = "https://hooks.slack.com/services/T0AAA/B0BBB/s3cretTokenW9xQ";
        const string teams = "https://prod-07.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=TeamsSig7Kp2";

        var created = await ChatApi.CreateAsync(api, new { kind = "slack", url = slack });
        await ChatApi.CreateAsync(api, new { kind = "teams", url = teams, language = "tr" });

        Assert.Equal("hooks.slack.com…W9xQ", created.GetProperty("address").GetString());
        Assert.Equal("en", created.GetProperty("language").GetString()); // the company's language
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("departmentId").ValueKind);
        var listed = await (await api.GetAsync("/api/v1/chat-channels")).Content.ReadAsStringAsync();
        Assert.Contains("prod-07.westeurope.logic.azure.com…7Kp2", listed);
        Assert.DoesNotContain("s3cretToken", listed);
        Assert.DoesNotContain("TeamsSig", listed);
        var stored = await fixture.Database.LinesAsAdminAsync("select url || ' ' || url_hint from webhooks.chat_channels");
        Assert.Equal(2, stored.Count(line => line.Contains("…")));
        Assert.DoesNotContain(stored, line => line.Contains("s3cretToken") || line.Contains("TeamsSig"));
    }

    [Fact]
    public async Task An_unknown_department_or_channel_is_a_404()
    {
        var api = await CompanyAsync();
        var other = await CompanyAsync();
        var othersDepartment = await TenantApi.CreateDepartmentAsync(other, "Destek");
        var othersChannel = await ChatApi.CreateIdAsync(other, new { kind = "teams", url = "https://teams.example.com/hook", departmentId = othersDepartment });

        await (await api.PostAsJsonAsync("/api/v1/chat-channels", new { kind = "teams", url = "https://teams.example.com/hook", departmentId = othersDepartment }))
            .JsonAsync(HttpStatusCode.NotFound);
        await (await api.DeleteAsync($"/api/v1/chat-channels/{othersChannel}")).JsonAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/chat-channels/{Guid.NewGuid()}/test", null)).JsonAsync(HttpStatusCode.NotFound);

        Assert.Single(await ChatApi.ListAsync(other));
        Assert.Empty(await ChatApi.ListAsync(api));
    }

    [Fact]
    public async Task Two_concurrent_deletes_of_one_channel_answer_204_and_404()
    {
        var api = await CompanyAsync();
        var channel = await ChatApi.CreateIdAsync(api, new { kind = "teams", url = "https://teams.example.com/twice" });

        var answers = await Task.WhenAll(api.DeleteAsync($"/api/v1/chat-channels/{channel}"), api.DeleteAsync($"/api/v1/chat-channels/{channel}"));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode).Order());
        Assert.Empty(await ChatApi.ListAsync(api));
    }
}
