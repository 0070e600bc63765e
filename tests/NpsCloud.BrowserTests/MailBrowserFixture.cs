using System.Net;
using System.Text.RegularExpressions;
using NpsCloud.Testing;
using OpenQA.Selenium;

namespace NpsCloud.BrowserTests;

/// <summary>The browser fixture with a real SMTP server the host mails to, and the links tests follow out of its mail.</summary>
public partial class MailBrowserFixture : BrowserFixture
{
    public SmtpSink Smtp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await base.InitializeAsync();
    }

    protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSmtp(Smtp).WithSetting("Sending:PollInterval", "00:00:00.200");

    /// <summary>The owner proves the sign-up address from the verification email, as a company must before surveying anyone else.</summary>
    public async Task VerifyOwnerAsync(string owner)
    {
        var verification = await Smtp.WaitForAsync(m => m.To.Contains(owner) && m.TextBody!.Contains("/verify-email?token="), "the verification email");
        Open(new Uri(VerificationLink().Match(verification.TextBody!).Value).PathAndQuery);
        WaitFor(By.CssSelector("form.form button[type='submit']")).Click();
        WaitFor(By.CssSelector("[data-testid='verified']"));
    }

    /// <summary>The invitation's one-click links, in score order.</summary>
    public static IReadOnlyList<string> ScoreLinks(ReceivedEmail mail) =>
        ScoreLink().Matches(mail.HtmlBody!).Select(m => WebUtility.HtmlDecode(m.Value)).ToList();

    public static string ScoreLink(ReceivedEmail mail, int score) => ScoreLinks(mail).Single(l => l.EndsWith($"score={score}"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/verify-email\?token=[^\s""<>]+")]
    private static partial Regex VerificationLink();

    [GeneratedRegex(@"https?://[^\s""<>]+/r/[A-Za-z0-9_-]+\?score=\d+")]
    private static partial Regex ScoreLink();
}
