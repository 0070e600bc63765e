using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Webhooks;

/// <summary>The Slack and Teams page over HTTP, as an owner's browser uses it (forms with antiforgery tokens), posting to a local receiver.</summary>
public sealed partial class ChatChannelPageTests(ChatChannelPageTests.Fixture fixture) : IClassFixture<ChatChannelPageTests.Fixture>
{
    private const string Page = "/app/chat-channels";

    private async Task<(TenantApi.SignedUp Owner, HttpClient Browser)> SignedInAsync()
    {
        var owner = await TenantApi.SignUpAsync(fixture.App);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await TenantApi.PostFormAsync(browser, "/login", new Dictionary<string, string> { ["Form.Email"] = owner.Email, ["Form.Password"] = owner.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (owner, browser);
    }

    private static async Task<string> FollowAsync(HttpClient browser, HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await browser.GetStringAsync(posted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_owner_adds_a_teams_channel_sends_it_a_test_and_deletes_it_after_confirming_with_a_flash_after_each()
    {
        var (owner, browser) = await SignedInAsync();
        Assert.Contains("data-testid=\"no-channels\"", await browser.GetStringAsync(Page));
        var url = fixture.Receiver.NewUrl("teams-page");

        var refused = await TenantApi.PostFormAsync(browser, Page, new Dictionary<string, string> { ["Form.Kind"] = "teams", ["Form.Url"] = "ftp://example.com/hook" }, $"{Page}?handler=Create");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Use an absolute https:// or http:// address.", await refused.Content.ReadAsStringAsync());

        var added = await FollowAsync(browser, await TenantApi.PostFormAsync(browser, Page,
            new Dictionary<string, string> { ["Form.Kind"] = "teams", ["Form.Url"] = url, ["Form.DepartmentId"] = "", ["Form.Language"] = "tr" }, $"{Page}?handler=Create"));
        Assert.Contains($"Microsoft Teams channel added: 127.0.0.1…{url[^4..]}.", WebUtility.HtmlDecode(added));
        Assert.DoesNotContain(url, added);
        var id = Guid.Parse(ChannelId().Match(added).Groups[1].Value);

        var tested = await FollowAsync(browser, await TenantApi.PostFormAsync(browser, Page, new Dictionary<string, string>(), $"{Page}?handler=Test&id={id}"));
        Assert.Contains("Test message queued.", tested);
        var post = (await fixture.Receiver.WaitForAsync(url, 1, "the test post"))[0];
        Assert.Equal("NpsCloud bu kanala bağlandı", ChatApi.Title(post));

        var confirm = await browser.GetStringAsync($"{Page}?delete={id}");
        Assert.Contains("data-testid=\"confirm\"", confirm);
        Assert.NotEmpty(await ChatApi.ListAsync(fixture.App.WithKey(owner.ApiKey)));
        var deleted = await FollowAsync(browser, await TenantApi.PostFormAsync(browser, $"{Page}?delete={id}", new Dictionary<string, string>(), $"{Page}?handler=Delete&id={id}"));
        Assert.Contains("Channel deleted.", deleted);
        Assert.Empty(await ChatApi.ListAsync(fixture.App.WithKey(owner.ApiKey)));
    }

    [Fact]
    public async Task The_page_speaks_turkish_and_is_for_owners_and_admins_only()
    {
        var (_, browser) = await SignedInAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");
        var turkish = await browser.GetStringAsync(Page);
        Assert.Contains("Henüz kanal yok.", turkish);
        Assert.Contains("Tüm departmanlar (şirket kanalı)", turkish);

        // Another company's channel cannot be tested or deleted from this page.
        var stranger = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var theirs = await ChatApi.CreateIdAsync(stranger, new { kind = "slack", url = fixture.Receiver.NewUrl("theirs") });
        Assert.Equal(HttpStatusCode.NotFound, (await TenantApi.PostFormAsync(browser, Page, new Dictionary<string, string>(), $"{Page}?handler=Delete&id={theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TenantApi.PostFormAsync(browser, Page, new Dictionary<string, string>(), $"{Page}?handler=Test&id={theirs}")).StatusCode);
        Assert.Single(await ChatApi.ListAsync(stranger));

        var anonymous = await fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("data-testid=\"channel\" data-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex ChannelId();

    public sealed class Fixture : AppFixture
    {
        public WebhookReceiver Receiver { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Receiver = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app)
            .WithSetting("Webhooks:AllowPrivate", "true")
            .WithSetting("Webhooks:PollInterval", "00:00:00.100");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
