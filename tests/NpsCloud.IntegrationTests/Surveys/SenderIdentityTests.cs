using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Tenants.Features.Settings;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Who an invitation comes from and where replies go (ADR 0029), read from a real SMTP server.</summary>
public sealed class SenderIdentityTests(SenderIdentityTests.Fixture fixture) : IClassFixture<SenderIdentityTests.Fixture>
{
    public const string PlatformAddress = "surveys@nps.example";

    /// <summary>DNS as the test says it is: no network.</summary>
    public sealed class FakeDns : ISenderDomainLookup
    {
        public ConcurrentDictionary<string, string[]> Records { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Task<IReadOnlyList<string>> TxtRecordsAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(Records.GetValueOrDefault(name, []));
    }

    public sealed class Fixture : SmtpAppFixture
    {
        public FakeDns Dns { get; } = new();

        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app)
            .WithSetting("Email:From", $"NpsCloud <{PlatformAddress}>")
            .WithSetting("Email:SenderDomainChecks", "true")
            .WithServices(services => services.AddSingleton<ISenderDomainLookup>(Dns));
    }

    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private async Task<ReceivedEmail> InviteAsync(HttpClient client, object request, string email)
    {
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        await SurveyApi.RequestAsync(client, survey, request);
        return await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, object settings) =>
        await client.PatchAsJsonAsync("/api/v1/tenant/settings", settings);

    [Fact]
    public async Task An_invitation_comes_from_the_company_via_npscloud_at_the_platform_address_with_replies_to_the_owner()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Ege Lojistik");
        var client = fixture.App.WithKey(company.ApiKey);
        var email = Address("selin");

        var invitation = await InviteAsync(client, new { email, name = "Selin Yılmaz" }, email);

        Assert.Equal($"\"Ege Lojistik via NpsCloud\" <{PlatformAddress}>", invitation.From);
        Assert.Equal(company.Email, invitation.Headers["Reply-To"]);
        Assert.StartsWith("Hello Selin,", invitation.TextBody);
        Assert.Contains(">Hello Selin,</p>", invitation.HtmlBody);
    }

    [Fact]
    public async Task A_turkish_invitation_greets_the_contact_by_first_name_and_one_without_a_name_greets_nobody()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App, "Ege Lojistik", "tr")).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var named = Address("named");
        var unnamed = Address("unnamed");

        await SurveyApi.RequestAsync(client, survey, new { email = named, name = "Selin Yılmaz", locale = "tr" });
        await SurveyApi.RequestAsync(client, survey, new { email = unnamed, locale = "tr" });

        var greeted = await fixture.Smtp.WaitForAsync(m => m.To.Contains(named), "the named invitation");
        var plain = await fixture.Smtp.WaitForAsync(m => m.To.Contains(unnamed), "the unnamed invitation");
        Assert.StartsWith("Merhaba Selin,", greeted.TextBody);
        Assert.DoesNotContain("Merhaba", plain.TextBody);
        Assert.DoesNotContain("Merhaba", plain.HtmlBody);
        Assert.StartsWith("Ege Lojistik şirketini", plain.TextBody);
    }

    [Fact]
    public async Task A_changed_sender_name_with_turkish_letters_and_reply_to_are_used_by_the_next_invitation()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Cagri");
        var client = fixture.App.WithKey(company.ApiKey);
        var replyTo = Address("destek");

        var view = await (await PatchAsync(client, new { senderName = "Çağrı Mobilya Ürünleri", replyTo })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Çağrı Mobilya Ürünleri", view.GetProperty("settings").GetProperty("senderName").GetString());
        Assert.Equal(replyTo, view.GetProperty("settings").GetProperty("replyTo").GetString());

        var email = Address("customer");
        var invitation = await InviteAsync(client, new { email }, email);

        // Decoded from its encoded word, which carries no quotes.
        Assert.Equal($"Çağrı Mobilya Ürünleri via NpsCloud <{PlatformAddress}>", invitation.From.Replace("\"", ""));
        Assert.Equal(replyTo, invitation.Headers["Reply-To"]);
        // On the wire the display name is an RFC 2047 encoded word, never raw 8-bit text in a header.
        var raw = fixture.Smtp.MessageFiles().Select(File.ReadAllText).Single(m => m.Contains(email));
        var fromLine = raw.Replace("\r\n", "\n").Split('\n').First(l => l.StartsWith("From:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("=?utf-8?", fromLine, StringComparison.OrdinalIgnoreCase);
        Assert.All(fromLine, c => Assert.True(c < 128, $"raw non-ASCII in the From header: {fromLine}"));
        // The company's name is still its name everywhere else.
        Assert.Equal("Cagri would like your opinion", invitation.Subject);
    }

    [Fact]
    public async Task A_proved_domain_sends_from_the_company_s_own_address_only_after_the_txt_record_is_found()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Mobilya Evi");
        var client = fixture.App.WithKey(company.ApiKey);
        var domain = $"m{Guid.NewGuid():N}.example";

        var view = await (await PatchAsync(client, new { senderAddress = $"anket@{domain}" })).JsonAsync(HttpStatusCode.OK);
        var proof = view.GetProperty("senderDomain");
        Assert.Equal($"_npscloud.{domain}", proof.GetProperty("recordName").GetString());
        var value = proof.GetProperty("recordValue").GetString()!;
        Assert.Matches("^npscloud-verification=[0-9a-f]{32}$", value);
        Assert.False(proof.GetProperty("verified").GetBoolean());

        var before = Address("before");
        Assert.Contains(PlatformAddress, (await InviteAsync(client, new { email = before }, before)).From);

        var missing = await (await client.PostAsync("/api/v1/tenant/sender-domain/check", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("not-found", missing.GetProperty("outcome").GetString());

        fixture.Dns.Records[$"_npscloud.{domain}"] = ["v=spf1 -all", value];
        var found = await (await client.PostAsync("/api/v1/tenant/sender-domain/check", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("verified", found.GetProperty("outcome").GetString());

        var after = Address("after");
        var invitation = await InviteAsync(client, new { email = after }, after);
        Assert.Equal($"\"Mobilya Evi\" <anket@{domain}>", invitation.From);
        Assert.Equal(company.Email, invitation.Headers["Reply-To"]);
    }

    [Fact]
    public async Task Another_domain_needs_a_new_proof_and_an_operator_can_vouch_for_it()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var first = (await (await PatchAsync(client, new { senderAddress = "anket@first.example" })).JsonAsync(HttpStatusCode.OK)).GetProperty("senderDomain");
        var verify = fixture.App.Services.GetServices<IAdminCommand>().Single(c => c.Name == "verify-sender-domain");
        Assert.Equal(0, await verify.RunAsync([company.TenantId.ToString()], TextWriter.Null, CancellationToken.None));
        Assert.True((await (await client.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("senderDomain").GetProperty("verified").GetBoolean());

        var second = (await (await PatchAsync(client, new { senderAddress = "anket@second.example" })).JsonAsync(HttpStatusCode.OK)).GetProperty("senderDomain");

        Assert.False(second.GetProperty("verified").GetBoolean());
        Assert.NotEqual(first.GetProperty("recordValue").GetString(), second.GetProperty("recordValue").GetString());
        var email = Address("customer");
        Assert.Contains(PlatformAddress, (await InviteAsync(client, new { email }, email)).From);
    }

    [Theory]
    [InlineData("replyTo", "not an address")]
    [InlineData("replyTo", "Ayşe <ayse@example.test>")]
    [InlineData("replyTo", "")]
    [InlineData("senderAddress", "anket@localhost")]
    [InlineData("senderName", "Ege\u0007Lojistik")]
    [InlineData("senderName", "Ege\r\nBcc: someone@example.test")]
    [InlineData("senderName", "   ")]
    public async Task A_bad_sender_setting_is_a_400_naming_the_field_and_changes_nothing(string field, string value)
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Ege Lojistik");
        var client = fixture.App.WithKey(company.ApiKey);

        var problem = await (await PatchAsync(client, new Dictionary<string, string> { [field] = value })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var settings = (await (await client.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("settings");
        Assert.Equal("Ege Lojistik", settings.GetProperty("senderName").GetString());
        Assert.Equal(company.Email, settings.GetProperty("replyTo").GetString());
    }

    [Fact]
    public async Task A_sender_name_over_a_hundred_characters_is_refused()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);

        var problem = await (await PatchAsync(client, new { senderName = new string('a', 101) })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("senderName", out _));
    }

    [Fact]
    public async Task The_settings_page_changes_the_sender_and_shows_the_txt_record_and_the_check_s_outcome()
    {
        var company = await TenantApi.SignUpAsync(fixture.App, "Ege Lojistik");
        var browser = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        var page = await browser.GetStringAsync("/app/settings");
        Assert.Contains($"value=\"{company.Email}\"", page);
        var domain = $"s{Guid.NewGuid():N}.example";

        var saved = await TenantApi.PostFormAsync(browser, "/app/settings", new Dictionary<string, string>
        {
            ["Form.Locale"] = "en", ["Form.TimeZone"] = "Europe/Istanbul", ["Form.ThrottleDays"] = "30", ["Form.FollowUpSlaHours"] = "48",
            ["Form.ResurveyAfterResolutionDays"] = "0", ["Form.SenderName"] = "Ege Destek", ["Form.ReplyTo"] = "destek@ege.example",
            ["Form.SenderAddress"] = $"anket@{domain}",
        });
        var body = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.Contains("Settings saved.", body);
        Assert.Contains($"_npscloud.{domain}", body);
        var value = System.Text.RegularExpressions.Regex.Match(body, "npscloud-verification=[0-9a-f]{32}").Value;
        Assert.NotEmpty(value);

        var missing = WebUtility.HtmlDecode(await (await TenantApi.PostFormAsync(browser, "/app/settings", new Dictionary<string, string>(), "/app/settings?handler=CheckDomain")).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"domain-check-outcome\"", missing);
        fixture.Dns.Records[$"_npscloud.{domain}"] = [value];
        var found = WebUtility.HtmlDecode(await (await TenantApi.PostFormAsync(browser, "/app/settings", new Dictionary<string, string>(), "/app/settings?handler=CheckDomain")).Content.ReadAsStringAsync());
        Assert.Contains($"invitations go out from anket@{domain}", found);

        var settings = (await (await fixture.App.WithKey(company.ApiKey).GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("settings");
        Assert.Equal("Ege Destek", settings.GetProperty("senderName").GetString());
        Assert.Equal("destek@ege.example", settings.GetProperty("replyTo").GetString());
    }
}
