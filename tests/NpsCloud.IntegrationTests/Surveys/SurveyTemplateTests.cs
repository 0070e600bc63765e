using System.Net;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>The new-survey page offers ready templates that fill the form, server-side, in the page's language.</summary>
public sealed class SurveyTemplateTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>A selected option of that value, whichever order the tag helper writes the attributes in.</summary>
    private static string Selected(string value) => $"<option (selected=\"selected\" value=\"{value}\"|value=\"{value}\" selected=\"selected\")>";

    private async Task<HttpClient> OwnerAsync(string locale)
    {
        var company = await TenantApi.SignUpAsync(fixture.App, locale: locale);
        var browser = await PeopleApi.SignedInAsync(fixture.App, company.Email, company.Password);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(locale);
        return browser;
    }

    [Fact]
    public async Task The_new_survey_page_offers_both_templates()
    {
        var page = await (await OwnerAsync("en")).GetStringAsync("/app/surveys/edit");

        Assert.Contains("data-testid=\"template-relationship\"", page);
        Assert.Contains("data-testid=\"template-delivery\"", page);
        Assert.Contains("href=\"/app/surveys/edit?template=delivery\"", page);
    }

    [Theory]
    [InlineData("tr", "Teslimat sonrası anket", "Teslimatta ne ters gitti")]
    [InlineData("en", "After delivery", "What went wrong with the delivery")]
    public async Task The_after_delivery_template_fills_a_transactional_delivery_survey_in_the_page_s_language(string locale, string name, string detractor)
    {
        var page = WebUtility.HtmlDecode(await (await OwnerAsync(locale)).GetStringAsync("/app/surveys/edit?template=delivery"));

        Assert.Matches($"id=\"Form_Name\"[^>]*value=\"{name}\"", page);
        Assert.Matches(Selected("transactional"), page);
        Assert.Matches(Selected(locale), page);
        // The touchpoint is a choice of the company's (none labelled here): the template's key stays one.
        Assert.Matches("<select id=\"Form_Touchpoint\"[^>]*>[^<]*<option value=\"\">—</option>\\s*" + Selected("delivery") + "delivery</option>", page);
        Assert.Contains(detractor, page);
        Assert.Contains("data-testid=\"template-filled\"", page);
    }

    [Fact]
    public async Task The_relationship_template_fills_a_quarterly_survey_with_a_first_wave_to_come()
    {
        var page = WebUtility.HtmlDecode(await (await OwnerAsync("tr")).GetStringAsync("/app/surveys/edit?template=relationship"));

        Assert.Matches("id=\"Form_Name\"[^>]*value=\"Üç aylık ilişki anketi\"", page);
        Assert.Matches(Selected("relationship"), page);
        Assert.Matches(Selected("quarterly"), page);
        Assert.Matches("id=\"Form_FirstWaveAt\"[^>]*value=\"\\d{4}-\\d\\d-\\d\\dT10:00", page);
        Assert.Contains("Bize 10 vermeniz için", page);
    }
}
