using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Helpers for web widgets: their settings through the API, their answers as a visitor's browser sends them.</summary>
public static class WidgetApi
{
    public const string Shop = "https://shop.example";

    public static async Task<JsonElement> CreateAsync(HttpClient api, Guid survey, object? settings = null, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await api.PostAsJsonAsync($"/api/v1/surveys/{survey}/widgets", settings ?? new { allowedOrigins = new[] { Shop } })).JsonAsync(expected);

    /// <summary>A POST from a page on <paramref name="origin"/> (null: no Origin header).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient anonymous, string path, string? origin, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await anonymous.SendAsync(request);
    }

    public static Task<HttpResponseMessage> AnswerAsync(HttpClient anonymous, string widgetId, object body, string? origin = Shop) =>
        PostAsync(anonymous, $"/w/{widgetId}/answers", origin, JsonSerializer.Serialize(body));
}
