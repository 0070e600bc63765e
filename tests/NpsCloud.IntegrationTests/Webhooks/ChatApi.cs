using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>Driving the chat channels API like an integrator, and reading what a Slack or Teams receiver got.</summary>
public static class ChatApi
{
    public static async Task<JsonElement> CreateAsync(HttpClient api, object channel) =>
        await (await api.PostAsJsonAsync("/api/v1/chat-channels", channel)).JsonAsync(HttpStatusCode.Created);

    public static async Task<Guid> CreateIdAsync(HttpClient api, object channel) => (await CreateAsync(api, channel)).GetProperty("id").GetGuid();

    public static async Task<List<JsonElement>> ListAsync(HttpClient api) =>
        (await (await api.GetAsync("/api/v1/chat-channels")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    public static async Task<JsonElement> TestAsync(HttpClient api, Guid channel) =>
        await (await api.PostAsync($"/api/v1/chat-channels/{channel}/test", null)).JsonAsync(HttpStatusCode.Accepted);

    /// <summary>The channel's newest post, as the list shows it.</summary>
    public static async Task<JsonElement> LastPostAsync(HttpClient api, Guid channel) =>
        (await ListAsync(api)).Single(c => c.GetProperty("id").GetGuid() == channel).GetProperty("lastPost");

    /// <summary>Waits until the channel's newest post has this status after at least this many attempts, and answers it.</summary>
    public static async Task<JsonElement> WaitForLastPostAsync(HttpClient api, Guid channel, string status, int attempts)
    {
        JsonElement post = default;
        await Poll.UntilAsync(async () =>
        {
            post = await LastPostAsync(api, channel);
            return post.ValueKind == JsonValueKind.Object && post.GetProperty("status").GetString() == status && post.GetProperty("attempts").GetInt32() >= attempts;
        }, $"the channel's last post to be {status} after {attempts} attempt(s)");
        return post;
    }

    public static JsonElement Json(WebhookReceiver.Received received) => JsonDocument.Parse(received.Body).RootElement;

    /// <summary>The headline of a Slack message (its <c>text</c>) or a Teams card (its first TextBlock).</summary>
    public static string Title(WebhookReceiver.Received received)
    {
        var root = Json(received);
        return root.TryGetProperty("blocks", out _)
            ? root.GetProperty("text").GetString()!
            : root.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString()!;
    }

    /// <summary>Waits until the receiver got this many posts at this URL whose headline starts so.</summary>
    public static async Task<List<WebhookReceiver.Received>> WaitForTitledAsync(WebhookReceiver receiver, string url, string startsWith, int count = 1)
    {
        List<WebhookReceiver.Received> found = [];
        await Poll.UntilAsync(() =>
        {
            found = receiver.At(url).Where(r => Title(r).StartsWith(startsWith, StringComparison.Ordinal)).ToList();
            return Task.FromResult(found.Count >= count);
        }, $"{count} post(s) titled '{startsWith}…' at {url}");
        return found;
    }

    /// <summary>Waits until no post of the company is left to send (so one that should not exist would have been sent by now).</summary>
    public static Task NothingPendingAsync(TestDatabase database, Guid tenantId) =>
        Poll.UntilAsync(async () => await database.ScalarAsAdminAsync<long>(
            $"select count(*) from webhooks.chat_posts where tenant_id = '{tenantId}' and status = 'pending'") == 0, "every chat post to be sent");
}
