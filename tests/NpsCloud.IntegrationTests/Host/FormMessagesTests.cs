using System.Net;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// The Turkish pages say nothing in English: the messages MVC writes before a form's validator runs name
/// fields as people do, and a text stored in another language is translated where it is shown.
/// </summary>
public sealed class FormMessagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("tr", "Şirket adı gerekli.", "E-posta gerekli.")]
    [InlineData("en", "Company name is required.", "Email is required.")]
    public async Task An_empty_sign_up_names_each_missing_field_in_the_reader_s_language_never_by_its_property(string language, string company, string email)
    {
        var browser = PeopleApi.Browser(fixture.App);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var answer = await TenantApi.PostFormAsync(browser, "/signup", new Dictionary<string, string>
        {
            ["Form.CompanyName"] = "", ["Form.Name"] = "", ["Form.Email"] = "", ["Form.Password"] = "", ["Form.Locale"] = language,
        });

        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(page.Contains(company), string.Join(" / ", System.Text.RegularExpressions.Regex.Matches(page, "field-error[^>]*>([^<]*)<").Select(m => m.Groups[1].Value)));
        Assert.True(page.Contains(email), string.Join(" / ", System.Text.RegularExpressions.Regex.Matches(page, "field-error[^>]*>([^<]*)<").Select(m => m.Groups[1].Value)));
        Assert.DoesNotContain("CompanyName field", page);
        Assert.DoesNotContain("field is required", page);
    }

    [Fact]
    public async Task The_first_api_key_named_at_an_english_sign_up_reads_turkish_on_the_turkish_keys_page()
    {
        // Signed up through the API without a language: the key was stored as "Created at sign-up".
        var owner = await TenantApi.SignUpAsync(fixture.App, locale: "tr");
        var browser = await PeopleApi.SignedInAsync(fixture.App, owner.Email, owner.Password);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/app/api-keys"));

        Assert.Contains("Kayıtta oluşturuldu", page);
        Assert.DoesNotContain("Created at sign-up", page);
    }
}
