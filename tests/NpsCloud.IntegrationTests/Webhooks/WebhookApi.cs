using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>Driving the webhooks API like an integrator: register an endpoint, read its deliveries.</summary>
public static class WebhookApi
{
    public static readonly string[] AllEvents =
        ["response.created", "response.updated", "follow_up.created", "follow_up.status_changed", "goal.reviewed", "contact.unsubscribed"];

    public sealed record Endpoint(Guid Id, string Url, string Secret);

    public static async Task<Endpoint> CreateAsync(HttpClient api, string url, params string[] events)
    {
        var created = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url, events = events.Length > 0 ? events : AllEvents })).JsonAsync(HttpStatusCode.Created);
        return new Endpoint(created.GetProperty("id").GetGuid(), url, created.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> GetAsync(HttpClient api, Guid id) =>
        await (await api.GetAsync($"/api/v1/webhooks/{id}")).JsonAsync(HttpStatusCode.OK);

    public static async Task<List<JsonElement>> DeliveriesAsync(HttpClient api, Guid id)
    {
        var page = await (await api.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<JsonElement> DeliveryAsync(HttpClient api, Guid id, Guid deliveryId) =>
        await (await api.GetAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Waits until the endpoint's newest delivery has at least this many attempts recorded, and answers its detail.</summary>
    public static async Task<JsonElement> WaitForAttemptsAsync(HttpClient api, Guid id, int attempts)
    {
        JsonElement detail = default;
        await Poll.UntilAsync(async () =>
        {
            var newest = (await DeliveriesAsync(api, id)).FirstOrDefault();
            if (newest.ValueKind == JsonValueKind.Undefined || newest.GetProperty("attempts").GetInt32() < attempts) return false;
            detail = await DeliveryAsync(api, id, newest.GetProperty("id").GetGuid());
            return true;
        }, $"{attempts} attempt(s) of the delivery");
        return detail;
    }

    public static string StatusOf(JsonElement detail) => detail.GetProperty("delivery").GetProperty("status").GetString()!;
}
