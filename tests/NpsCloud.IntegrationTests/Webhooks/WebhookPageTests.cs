using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>The app's webhooks pages over HTTP, as an owner's browser uses them (forms with antiforgery tokens).</summary>
public sealed partial class WebhookPageTests(WebhookPageTests.Fixture fixture) : IClassFixture<WebhookPageTests.Fixture>
{
    private async Task<(TenantApi.SignedUp Owner, HttpClient Browser)> SignedInAsync()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (owner, browser);
    }

    [Fact]
    public async Task An_owner_adds_a_webhook_sees_its_secret_once_rotates_it_and_deletes_it()
    {
        var (owner, browser) = await SignedInAsync();
        var list = await browser.GetStringAsync("/app/webhooks");
        Assert.Contains("data-testid=\"no-webhooks\"", list);

        var refused = await TenantApi.PostFormAsync(browser, "/app/webhooks",
            new Dictionary<string, string> { ["Form.Url"] = "ftp://example.com/hook", ["Form.Events"] = "response.created" }, "/app/webhooks?handler=Create");
        Assert.Contains("Use an absolute https:// address.", await refused.Content.ReadAsStringAsync());

        var created = await TenantApi.PostFormAsync(browser, "/app/webhooks",
            new Dictionary<string, string> { ["Form.Url"] = "https://example.com/hooks/nps", ["Form.Events"] = "response.created" }, "/app/webhooks?handler=Create");
        var html = await created.Content.ReadAsStringAsync();
        var secret = Secret().Match(html);
        Assert.True(secret.Success, "the new secret is shown");
        list = await browser.GetStringAsync("/app/webhooks");
        Assert.DoesNotContain("whsec_", list);
        var id = Guid.Parse(DetailLink().Match(list).Groups[1].Value);

        var detail = await browser.GetStringAsync($"/app/webhooks/{id}");
        Assert.Contains("https://example.com/hooks/nps", detail);
        Assert.DoesNotContain("whsec_", detail);
        var rotated = await (await TenantApi.PostFormAsync(browser, $"/app/webhooks/{id}", new Dictionary<string, string>(), $"/app/webhooks/{id}?handler=Rotate"))
            .Content.ReadAsStringAsync();
        var newSecret = Secret().Match(rotated);
        Assert.True(newSecret.Success);
        Assert.NotEqual(secret.Value, newSecret.Value);
        Assert.Equal(32, Convert.FromBase64String(WebUtility.HtmlDecode(newSecret.Groups[1].Value)["whsec_".Length..]).Length);

        var api = fixture.App.WithKey(owner.ApiKey);
        Assert.Equal(System.Text.Json.JsonValueKind.String, (await WebhookApi.GetAsync(api, id)).GetProperty("previousSecretExpiresAt").ValueKind);
        var deleted = await TenantApi.PostFormAsync(browser, $"/app/webhooks/{id}", new Dictionary<string, string>(), $"/app/webhooks/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await (await api.GetAsync($"/api/v1/webhooks/{id}")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_page_speaks_turkish_and_is_for_owners_and_admins_only()
    {
        var (_, browser) = await SignedInAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");
        var turkish = await browser.GetStringAsync("/app/webhooks");
        Assert.Contains("Henüz webhook yok.", turkish);
        Assert.Contains("bir kişi abonelikten çıktı", turkish);

        // Another company's webhook is not found on the page either.
        var stranger = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var theirs = await WebhookApi.CreateAsync(stranger, "https://example.com/theirs", "goal.reviewed");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/app/webhooks/{theirs.Id}")).StatusCode);

        var anonymous = await fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/app/webhooks");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString);
    }

    // The page HTML-encodes the secret's '+' (a browser shows it as it is).
    [GeneratedRegex("data-testid=\"new-secret\">(whsec_[^<]+)<")]
    private static partial Regex Secret();

    [GeneratedRegex("href=\"/app/webhooks/([0-9a-f-]{36})\"")]
    private static partial Regex DetailLink();

    public sealed class Fixture : AppFixture;
}
