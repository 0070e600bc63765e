using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NpsCloud.BuildingBlocks.Email;

public sealed class EmailOptions
{
    /// <summary>The SMTP server; when empty, mail is written as .eml files to <see cref="PickupDirectory"/>.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "NpsCloud <no-reply@localhost>";

    public string PickupDirectory { get; set; } = Path.Combine(".data", "mail");

    /// <summary>
    /// Whether a company's "check" looks up the TXT record that proves its sender domain in DNS (off by
    /// default: a host without outside DNS leaves it to an operator, <c>./nps admin verify-sender-domain</c>).
    /// </summary>
    public bool SenderDomainChecks { get; set; }
}

public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    public string? ToName { get; init; }

    /// <summary>The display name of the sender (the company's, for its invitations); the configured From's when null.</summary>
    public string? FromName { get; init; }

    /// <summary>A sender address of the company's own (a proved domain); the configured From's address when null.</summary>
    public string? FromAddress { get; init; }

    /// <summary>Where a reply goes, when not to the sender.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Extra headers, e.g. List-Unsubscribe.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

public interface IEmailSender
{
    /// <summary>Sends one message; throws <see cref="EmailRejectedException"/> when the server refuses the recipient for good.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>The mail server could not take a message that must go now: answered 503, nothing kept.</summary>
public sealed class MailUnavailableException(Exception inner) : Messaging.DomainException(
    503, "mail_unavailable", "The mail server is unavailable", "The email could not be sent, so nothing was saved. Try again in a few minutes.")
{
    public Exception Cause { get; } = inner;
}

/// <summary>The server refused the recipient permanently (5xx): a bounce, not something to retry.</summary>
public sealed class EmailRejectedException(string recipient, SmtpStatusCode status, Exception inner)
    : Exception($"The mail server permanently refused the recipient ({(int)status} {status}).", inner)
{
    public string Recipient { get; } = recipient;
    public SmtpStatusCode Status { get; } = status;
}

/// <summary><see cref="SmtpClient"/> against the configured server, or the pickup folder when none is configured.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var configured = new MailAddress(settings.From);
        using var mail = new MailMessage
        {
            From = new MailAddress(message.FromAddress ?? configured.Address, message.FromName ?? configured.DisplayName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.To, message.ToName, Encoding.UTF8));
        if (message.ReplyTo is not null) mail.ReplyToList.Add(new MailAddress(message.ReplyTo));
        if (message.HtmlBody is not null)
        {
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, "text/html"));
        }

        foreach (var (name, value) in message.Headers)
        {
            mail.Headers.Add(name, value);
        }

        // A sender's own Message-ID (an invitation's, the same on every retry) is kept; the others get one.
        var messageId = mail.Headers["Message-ID"] ?? $"<{Guid.NewGuid():N}@{MessageIdDomain(settings.From)}>";
        mail.Headers["Message-ID"] = messageId;

        // SmtpClient is not thread-safe; one per message is the documented use.
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = Path.GetFullPath(settings.PickupDirectory);
        }
        else
        {
            client.Host = settings.Host;
            client.Port = settings.Port;
            client.EnableSsl = settings.EnableSsl;
            if (!string.IsNullOrEmpty(settings.Username))
            {
                client.Credentials = new NetworkCredential(settings.Username, settings.Password);
            }
        }

        try
        {
            await client.SendMailAsync(mail, cancellationToken);
        }
        catch (SmtpFailedRecipientException e) when ((int)e.StatusCode >= 500)
        {
            throw new EmailRejectedException(message.To, e.StatusCode, e);
        }

        // The Message-ID finds the message in the mail server's log; subject and address stay out of ours.
        logger.LogInformation("Sent mail {MessageId} to one recipient via {Transport}", messageId,
            string.IsNullOrWhiteSpace(settings.Host) ? "pickup folder" : "SMTP");
    }

    private static string MessageIdDomain(string from)
    {
        var host = new MailAddress(from).Host;
        return host.Length > 0 ? host : "npscloud";
    }
}
