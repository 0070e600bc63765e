using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>The account emails (welcome, address verification, invitation, password reset), in the recipient's language.</summary>
internal sealed class AccountEmails(IStringLocalizer<TenantsText> text, PublicLinks links)
{
    public EmailMessage Welcome(string to, string name, string company, string locale)
    {
        using var _ = CultureScope.Use(locale);
        return Compose(to, name, text["Email.Welcome.Subject", company], text["Email.Welcome.Heading", name],
            [text["Email.Welcome.Body", company], text["Email.Welcome.Trial"]], text["Email.Welcome.Button"], links.To("login"));
    }

    public EmailMessage Verification(string to, string name, string company, string token, string locale)
    {
        using var _ = CultureScope.Use(locale);
        return Compose(to, name, text["Email.Verify.Subject", company], text["Email.Verify.Heading", name],
            [text["Email.Verify.Body", company], text["Email.Verify.Expiry"], text["Email.Verify.Ignore"]],
            text["Email.Verify.Button"], links.To($"verify-email?token={Uri.EscapeDataString(token)}"));
    }

    public EmailMessage Invitation(string to, string company, string inviter, string role, string token, string locale)
    {
        using var _ = CultureScope.Use(locale);
        return Compose(to, null, text["Email.Invitation.Subject", company], text["Email.Invitation.Heading", company],
            [text["Email.Invitation.Body", inviter, company, text[$"Role.{role}"]], text["Email.Invitation.Expiry"]],
            text["Email.Invitation.Button"], links.To($"invitations/accept?token={Uri.EscapeDataString(token)}"));
    }

    public EmailMessage PasswordReset(string to, string name, Guid userId, string token, string locale)
    {
        using var _ = CultureScope.Use(locale);
        return Compose(to, name, text["Email.Reset.Subject"], text["Email.Reset.Heading", name],
            [text["Email.Reset.Body"], text["Email.Reset.Ignore"]],
            text["Email.Reset.Button"], links.To($"reset-password?user={userId:N}&token={Uri.EscapeDataString(token)}"));
    }

    private EmailMessage Compose(string to, string? name, string subject, string heading, string[] paragraphs, string button, Uri link)
    {
        var (plain, html) = EmailLayout.Render(heading, paragraphs, button, link, text["Email.Footer"]);
        return new EmailMessage(to, subject, plain, html) { ToName = name };
    }
}
