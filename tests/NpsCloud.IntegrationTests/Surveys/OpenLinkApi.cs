using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.Tenants;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Helpers for open links: their settings through the API, their page as a visitor's browser uses it.</summary>
public static class OpenLinkApi
{
    public static async Task<JsonElement> PutAsync(HttpClient api, Guid survey, object? settings = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await api.PutAsJsonAsync($"/api/v1/surveys/{survey}/link", settings ?? new { })).JsonAsync(expected);

    /// <summary>A visitor's browser (cookies kept, redirects followed) with its own user agent, so that the duplicate guard tells it apart.</summary>
    public static HttpClient Visitor(Testing.NpsAppFactory app, string userAgent)
    {
        var visitor = app.CreateClient();
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return visitor;
    }

    /// <summary>Answers on the link's page (the form's antiforgery token from a GET first), as the page's form posts it.</summary>
    public static Task<HttpResponseMessage> AnswerAsync(HttpClient visitor, string pageUrl, int score, string? comment = null, string? name = null, string? email = null)
    {
        var fields = new Dictionary<string, string> { ["score"] = score.ToString() };
        if (comment is not null) fields["comment"] = comment;
        if (name is not null) fields["name"] = name;
        if (email is not null) fields["email"] = email;
        return TenantApi.PostFormAsync(visitor, pageUrl, fields);
    }

    /// <summary>Sends a form the visitor was shown earlier (its antiforgery token from <paramref name="formPage"/>).</summary>
    public static Task<HttpResponseMessage> SendFormAsync(HttpClient visitor, string pageUrl, string formPage, int score)
    {
        var token = System.Text.RegularExpressions.Regex.Match(formPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "The page shows no form");
        return visitor.PostAsync(pageUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["score"] = score.ToString(), ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
    }

    /// <summary>The page's state (<c>open</c>, <c>closed</c>, <c>full</c>, <c>answeredondevice</c>, <c>done</c>, <c>unknown</c>).</summary>
    public static string StateOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"open-link\" data-state=\"([a-z]+)\"").Groups[1].Value;

    /// <summary>The path and query of an absolute address the API gave.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;
}
