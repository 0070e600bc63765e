using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>Small helpers for driving the Tenants API and pages like a client would.</summary>
public static partial class TenantApi
{
    public sealed record SignedUp(Guid TenantId, DateTimeOffset TrialEndsAt, string ApiKey, string Email, string Password);

    public const string Password = "correct horse battery";

    /// <param name="verified">
    /// Whether the company then proves its address, as the owner does by following the emailed link (here
    /// through the operator's <c>./nps admin verify-email</c>, so fixtures without an SMTP server work too);
    /// unverified companies send surveys only to the owner's own address.
    /// </param>
    public static async Task<SignedUp> SignUpAsync(NpsAppFactory app, string? company = null, string locale = "en", bool verified = true)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/signup", new
        {
            companyName = company ?? $"Company {Guid.NewGuid():N}"[..20],
            name = "Owner Person",
            email,
            password = Password,
            locale,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (verified) await VerifyEmailAsync(app, body.GetProperty("tenantId").GetGuid());
        return new SignedUp(body.GetProperty("tenantId").GetGuid(), body.GetProperty("trialEndsAt").GetDateTimeOffset(),
            body.GetProperty("apiKey").GetString()!, email, Password);
    }

    /// <summary>What an operator does once a company pays: <c>./nps admin activate-tenant</c>.</summary>
    public static async Task ActivateAsync(NpsAppFactory app, Guid tenantId)
    {
        var activate = app.Services.GetServices<IAdminCommand>().Single(c => c.Name == "activate-tenant");
        Assert.Equal(0, await activate.RunAsync([tenantId.ToString()], TextWriter.Null, CancellationToken.None));
    }

    /// <summary>What an operator does to vouch for a company's address: <c>./nps admin verify-email</c>.</summary>
    public static async Task VerifyEmailAsync(NpsAppFactory app, Guid tenantId)
    {
        var verify = app.Services.GetServices<IAdminCommand>().Single(c => c.Name == "verify-email");
        Assert.Equal(0, await verify.RunAsync([tenantId.ToString()], TextWriter.Null, CancellationToken.None));
    }

    public static HttpClient WithKey(this NpsAppFactory app, string apiKey)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<Guid> CreateDepartmentAsync(HttpClient client, string name)
    {
        var created = await (await client.PostAsJsonAsync("/api/v1/departments", new { name })).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    public static async Task<string> CreateKeyAsync(HttpClient admin, params string[] scopes)
    {
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "test", scopes })).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }

    /// <summary>Posts a page's form the way a browser does: with the antiforgery token from the page and its cookie.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
