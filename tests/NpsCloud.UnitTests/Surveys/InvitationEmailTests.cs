using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.UnitTests.Surveys;

public sealed class InvitationEmailTests
{
    private static readonly InvitationEmails Emails = Create();

    private static InvitationEmails Create()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var text = new StringLocalizer<SurveysText>(factory);
        var links = new PublicLinks(new ConfigurationBuilder().AddInMemoryCollection([new("PublicUrl", "https://nps.example.com")]).Build());
        return new InvitationEmails(text, new SurveyWording(text), links);
    }

    private static Survey Survey(string? question = null) => new()
    {
        Name = "s", Kind = SurveyKinds.Transactional, Status = SurveyStatuses.Active, Locale = "en", Question = question, BrandColor = "#0f766e",
    };

    [Fact]
    public void The_email_has_eleven_score_links_in_order_and_an_unsubscribe_link_under_the_public_url()
    {
        var email = Emails.Render(Survey(), "Acme", "en", "TOKEN", reminder: false);

        for (var score = 0; score <= 10; score++)
        {
            Assert.Contains($"https://nps.example.com/r/TOKEN?score={score}", email.Html);
            Assert.Contains($"{score}: https://nps.example.com/r/TOKEN?score={score}", email.Text);
        }

        Assert.Equal(new Uri("https://nps.example.com/u/TOKEN"), email.Unsubscribe);
        Assert.Equal("Acme would like your opinion", email.Subject);
    }

    [Fact]
    public void Turkish_recipients_get_the_turkish_question_and_a_reminder_says_so()
    {
        var email = Emails.Render(Survey(), "Ege Lojistik", "tr", "T", reminder: true);

        Assert.Equal("Hatırlatma: Ege Lojistik görüşünüzü merak ediyor", email.Subject);
        Assert.Contains("Ege Lojistik şirketini bir arkadaşınıza veya meslektaşınıza önerme olasılığınız nedir?", email.Text);
    }

    [Fact]
    public void A_survey_s_own_question_is_used_in_its_language_only()
    {
        var survey = Survey("Would you recommend {company} after this delivery?");

        Assert.Contains("Would you recommend Acme after this delivery?", Emails.Render(survey, "Acme", "en", "T", false).Text);
        Assert.Contains("Acme şirketini bir arkadaşınıza", Emails.Render(survey, "Acme", "tr", "T", false).Text);
    }

    [Fact]
    public void Names_and_wording_are_html_encoded()
    {
        var email = Emails.Render(Survey("<script>alert(1)</script> {company}?"), "Evil & <Co>", "en", "T", false);

        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;", email.Html);
        Assert.Contains("Evil &amp; &lt;Co&gt;", email.Html);
    }
}
