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
        return new InvitationEmails(text, new StringLocalizer<NpsCloud.BuildingBlocks.BuildingBlocksText>(factory), new SurveyWording(text), links);
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
    public void Every_score_button_has_the_same_fixed_width_of_at_least_40_px_and_a_fill_that_white_digits_can_be_read_on()
    {
        var html = Emails.Render(Survey(), "Acme", "en", "TOKEN", reminder: false).Html;

        var buttons = System.Text.RegularExpressions.Regex.Matches(html, "<a [^>]*data-score=\"(\\d+)\"[^>]*style=\"([^\"]*)\"").ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString()), buttons.Select(b => b.Groups[1].Value));
        Assert.All(buttons, b => Assert.Contains($"width:{InvitationEmails.ScoreButtonSize}px;", b.Groups[2].Value));
        Assert.True(InvitationEmails.ScoreButtonSize >= 40);
        Assert.All(buttons, b => Assert.Contains($"color:{NpsCloud.BuildingBlocks.Email.EmailColours.OnScore};", b.Groups[2].Value));
        Assert.Contains($"background:{NpsCloud.BuildingBlocks.Email.EmailColours.Passive};", buttons[7].Groups[2].Value);
    }

    [Theory]
    [InlineData("en", "0 = not at all likely", "10 = extremely likely")]
    [InlineData("tr", "0 = hiç olası değil", "10 = son derece olası")]
    public void The_ends_of_the_scale_are_named_in_the_html_and_the_text(string locale, string notLikely, string veryLikely)
    {
        var email = Emails.Render(Survey(), "Acme", locale, "T", reminder: false);

        Assert.Contains(notLikely, email.Html);
        Assert.Contains(veryLikely, email.Html);
        Assert.Contains($"{notLikely}, {veryLikely}", email.Text);
    }

    [Fact]
    public void A_brand_colour_too_light_to_read_on_white_names_the_company_in_the_text_colour()
    {
        var survey = Survey();
        survey.BrandColor = "#ffd60a";

        Assert.Contains($"color:{NpsCloud.BuildingBlocks.Email.EmailColours.Text}\">Acme</p>", Emails.Render(survey, "Acme", "en", "T", false).Html);
        Assert.Contains("color:#0f766e\">Acme</p>", Emails.Render(Survey(), "Acme", "en", "T", false).Html);
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

    private static NpsCloud.Contracts.Tenants.TenantProfile Profile(string? senderName = null, string? replyTo = null, string? senderAddress = null) =>
        new(Guid.NewGuid(), "Ege Lojistik", "trial", DateTimeOffset.UtcNow.AddDays(14), "tr", "Europe/Istanbul", 30, 48, false, 0, null, senderName, replyTo, senderAddress);

    private static NpsCloud.BuildingBlocks.Email.EmailMessage Compose(NpsCloud.Contracts.Tenants.TenantProfile profile, string? name = "Selin Yılmaz") =>
        Emails.Compose(Survey(), profile, new Contact { Email = "selin@example.test", Name = name },
            new Invitation { Id = Guid.NewGuid(), Status = InvitationStatuses.Scheduled, Locale = "tr" }, "T", reminder: false);

    [Theory]
    [InlineData("Selin Yılmaz", "Selin")]
    [InlineData("  Ayşe   Nur Demir ", "Ayşe")]
    [InlineData("Mehmet", "Mehmet")]
    [InlineData("selin@example.test", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void The_greeting_uses_the_first_word_of_a_known_name_and_never_an_address(string? name, string? expected)
    {
        Assert.Equal(expected, InvitationEmails.FirstName(name));
    }

    [Fact]
    public void A_named_contact_is_greeted_in_the_email_s_language_before_the_question_and_an_unnamed_one_is_not()
    {
        var turkish = Emails.Render(Survey(), "Ege Lojistik", "tr", "T", false, "Selin Yılmaz");
        var english = Emails.Render(Survey(), "Ege Lojistik", "en", "T", false, "Selin Yılmaz");
        var unnamed = Emails.Render(Survey(), "Ege Lojistik", "en", "T", false);

        Assert.StartsWith("Merhaba Selin,", turkish.Text);
        Assert.Contains(">Merhaba Selin,</p><h1", turkish.Html);
        Assert.StartsWith("Hello Selin,", english.Text);
        Assert.DoesNotContain("Hello", unnamed.Text);
        Assert.StartsWith("How likely", unnamed.Text);
    }

    [Fact]
    public void A_greeting_is_html_encoded()
    {
        var email = Emails.Render(Survey(), "Acme", "en", "T", false, "<b>Evil</b> Person");

        Assert.Contains("Hello &lt;b&gt;Evil&lt;/b&gt;,", email.Html);
    }

    [Fact]
    public void The_invitation_comes_from_the_company_via_npscloud_at_the_platform_address_with_its_reply_to()
    {
        var message = Compose(Profile(replyTo: "destek@ege.example"));

        Assert.Equal("Ege Lojistik via NpsCloud", message.FromName);
        Assert.Null(message.FromAddress);
        Assert.Equal("destek@ege.example", message.ReplyTo);
        Assert.Equal("Selin Yılmaz", message.ToName);
    }

    [Fact]
    public void A_sender_name_replaces_the_company_s_name_in_the_sender_only()
    {
        var message = Compose(Profile(senderName: "Ege Müşteri Deneyimi"));

        Assert.Equal("Ege Müşteri Deneyimi via NpsCloud", message.FromName);
        Assert.Equal("Ege Lojistik görüşünüzü merak ediyor", message.Subject);
        Assert.Null(message.ReplyTo);
    }

    [Fact]
    public void A_proved_own_address_sends_under_the_plain_sender_name()
    {
        var message = Compose(Profile(senderAddress: "anket@ege.example", replyTo: "destek@ege.example"));

        Assert.Equal("Ege Lojistik", message.FromName);
        Assert.Equal("anket@ege.example", message.FromAddress);
        Assert.Equal("destek@ege.example", message.ReplyTo);
    }
}
