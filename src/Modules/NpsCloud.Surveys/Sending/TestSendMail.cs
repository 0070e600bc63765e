using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Sending;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// A test send's email: exactly the invitation a contact would get (composed by <see cref="InvitationEmails"/>
/// for a stand-in contact and invitation that are never stored), its subject marked as a test in the
/// survey's language. Sent at once, not through the dispatcher's queue, so a test is never held or counted.
/// </summary>
internal sealed class TestSendMail(IEmailSender mail, InvitationEmails emails, IStringLocalizer<SurveysText> text) : ITestSendMail
{
    public async Task SendAsync(Survey survey, TenantProfile profile, TestSend test, string token, CancellationToken cancellationToken)
    {
        var contact = new Contact { TenantId = test.TenantId, Id = Guid.Empty, Email = test.Email, Name = test.Name, Locale = test.Locale };
        var invitation = new Invitation
        {
            TenantId = test.TenantId, Id = test.Id, SurveyId = survey.Id, ContactId = Guid.Empty, Status = "test", Locale = test.Locale,
            ScheduledAt = test.SentAt, ExpiresAt = test.ExpiresAt, NextAttemptAt = test.SentAt, CreatedAt = test.SentAt,
        };
        var message = emails.Compose(survey, profile, contact, invitation, token, reminder: false);
        string prefix;
        using (CultureScope.Use(test.Locale)) prefix = text["Email.TestPrefix"].Value;
        await mail.SendAsync(message with { Subject = $"{prefix} {message.Subject}" }, cancellationToken);
    }
}
