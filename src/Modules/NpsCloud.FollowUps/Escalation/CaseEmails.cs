using System.Globalization;
using MediatR;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Escalation;

/// <summary>
/// The follow-up emails, each in its recipient's language: the alert to the assignee (score, comment,
/// person and a link to the case) and the escalation to the owners and admins.
/// </summary>
internal sealed class CaseEmails(IMediator mediator, IEmailSender mail, PublicLinks links, IStringLocalizer<FollowUpsText> text)
{
    /// <summary>What an email says about a case, gathered from the modules that own it.</summary>
    private sealed record Facts(FollowUpCase Case, ResponseSummary? Response, ContactInfo? Contact, string? Department, string? Assignee, TimeZoneInfo Zone);

    /// <param name="isUpdate">The one update after an alert that went without the comment: it says the comment arrived.</param>
    public async Task SendAlertAsync(FollowUpCase followUp, Guid assigneeUserId, CancellationToken cancellationToken, bool isUpdate = false)
    {
        var users = await mediator.Send(new FindUsers([assigneeUserId]), cancellationToken);
        if (!users.TryGetValue(assigneeUserId, out var assignee)) return; // the person left the company since
        var facts = await GatherAsync(followUp, cancellationToken);
        using var language = CultureScope.Use(assignee.Locale);
        var person = PersonOf(facts);
        var due = When(followUp.DueAt, facts.Zone);
        if (isUpdate)
        {
            await SendAsync(assignee, text["Email.AlertUpdate.Subject", followUp.Score, person], text["Email.AlertUpdate.Heading", person, followUp.Score],
                Paragraphs(facts, text["Email.AlertUpdate.Intro", due]), followUp, cancellationToken);
            return;
        }

        var heading = followUp.Kind == CaseKinds.AskForFeedback ? text["Email.Alert.HeadingFeedback", person] : text["Email.Alert.Heading", person, followUp.Score];
        await SendAsync(assignee, text["Email.Alert.Subject", followUp.Score, person], heading, Paragraphs(facts, text["Email.Alert.Intro", due]), followUp, cancellationToken);
    }

    public async Task SendEscalationAsync(FollowUpCase followUp, CancellationToken cancellationToken)
    {
        var managers = await mediator.Send(new ListTenantManagers(), cancellationToken);
        var facts = await GatherAsync(followUp, cancellationToken);
        foreach (var manager in managers)
        {
            using var language = CultureScope.Use(manager.Locale);
            var person = PersonOf(facts);
            var intro = text["Email.Escalation.Intro", When(followUp.DueAt, facts.Zone), facts.Assignee ?? text["Case.Unassigned"].Value];
            await SendAsync(manager, text["Email.Escalation.Subject", person, followUp.Score], text["Email.Escalation.Heading"], Paragraphs(facts, intro), followUp, cancellationToken);
        }
    }

    private async Task SendAsync(UserInfo to, string subject, string heading, IReadOnlyList<string> paragraphs, FollowUpCase followUp, CancellationToken cancellationToken)
    {
        var (body, html) = EmailLayout.Render(heading, paragraphs, text["Email.OpenCase"], links.To($"app/follow-ups/{followUp.Id}"), text["Email.Footer"]);
        await mail.SendAsync(new EmailMessage(to.Email, subject, body, html) { ToName = to.Name }, cancellationToken);
    }

    private List<string> Paragraphs(Facts facts, string intro)
    {
        var paragraphs = new List<string> { intro, text["Email.Score", facts.Case.Score, text[$"Category.{NpsCategories.Of(facts.Case.Score)}"]] };
        paragraphs.Add(facts.Response?.Comment is { Length: > 0 } comment ? text["Email.Comment", comment] : text["Email.NoComment"]);
        paragraphs.Add(text["Email.Contact", facts.Contact is { Email: { } email } contact ? (contact.Name is { Length: > 0 } name ? $"{name} <{email}>" : email) : text["Case.Anonymous"].Value]);
        if (facts.Department is { } department) paragraphs.Add(text["Email.Department", department]);
        return paragraphs;
    }

    private string PersonOf(Facts facts) =>
        facts.Contact is { Email: { } email } contact ? contact.Name is { Length: > 0 } name ? name : email : text["Case.Anonymous"].Value;

    private static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + $" ({zone.Id})";

    private async Task<Facts> GatherAsync(FollowUpCase followUp, CancellationToken cancellationToken)
    {
        var response = await mediator.Send(new FindResponse(followUp.ResponseId), cancellationToken);
        ContactInfo? contact = null;
        if (followUp.ContactId is { } contactId) (await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken)).TryGetValue(contactId, out contact);
        var department = followUp.DepartmentId is { } departmentId ? (await mediator.Send(new FindDepartment(departmentId), cancellationToken))?.Name : null;
        string? assignee = null;
        if (followUp.AssigneeUserId is { } assigneeId && (await mediator.Send(new FindUsers([assigneeId]), cancellationToken)).TryGetValue(assigneeId, out var user))
        {
            assignee = user.Name;
        }

        var profile = await mediator.Send(new GetTenantProfile(followUp.TenantId), cancellationToken);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return new Facts(followUp, response, contact, department, assignee, zone);
    }
}
