using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;

namespace NpsCloud.IntegrationTests.Responses;

public static class ResponseApi
{
    public static async Task<JsonElement> RecordAsync(HttpClient client, object response, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await client.PostAsJsonAsync("/api/v1/responses", response)).JsonAsync(expected);

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync($"/api/v1/responses{query}")).JsonAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<JsonElement> ImportAsync(HttpClient client, string content, string contentType = "text/csv", HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var body = new StringContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await (await client.PostAsync("/api/v1/responses/import", body)).JsonAsync(expected);
    }
}
