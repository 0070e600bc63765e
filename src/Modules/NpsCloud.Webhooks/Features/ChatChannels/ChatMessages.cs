using System.Globalization;
using MediatR;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>What a case's post tells, gathered once from the modules that own it, before it is worded per channel.</summary>
/// <param name="Person">The contact's name (or address); null for an anonymous answer or an erased person.</param>
/// <param name="DueAt">When someone must have contacted the person; null when the event does not say.</param>
internal sealed record CaseFacts(
    Guid CaseId, int Score, string? Comment, string? Person, string? Department, string? Assignee, DateTimeOffset? DueAt, TimeZoneInfo Zone, string Company);

/// <summary>What a goal review's post tells.</summary>
internal sealed record GoalFacts(Guid DepartmentId, string Department, string Status, string? PreviousStatus, decimal? Nps, decimal TargetNps, long Responses, string Company);

/// <summary>
/// The words of every chat post, in the language of the scope it is called in (the channel's, through
/// <see cref="CultureScope"/>), with a link to the page in NpsCloud. The facts come from the Contracts
/// queries (<see cref="GatherCaseAsync"/>); no other module's tables are read.
/// </summary>
internal sealed class ChatMessages(IMediator mediator, IStringLocalizer<WebhooksText> text, PublicLinks links)
{
    public async Task<CaseFacts> GatherCaseAsync(Guid tenantId, Guid caseId, Guid responseId, Guid? departmentId, int? score, Guid? assigneeUserId, DateTimeOffset? dueAt,
        CancellationToken cancellationToken)
    {
        var response = await mediator.Send(new FindResponse(responseId), cancellationToken);
        string? person = null;
        if (response?.ContactId is { } contactId
            && (await mediator.Send(new FindContacts([contactId], OfVisibleRows: true), cancellationToken)).TryGetValue(contactId, out var contact)
            && contact.Email is { } email)
        {
            person = contact.Name is { Length: > 0 } name ? $"{name} <{email}>" : email;
        }

        var department = departmentId is { } id ? (await mediator.Send(new FindDepartment(id), cancellationToken))?.Name : null;
        string? assignee = null;
        if (assigneeUserId is { } userId && (await mediator.Send(new FindUsers([userId]), cancellationToken)).TryGetValue(userId, out var user)) assignee = user.Name;
        var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
        return new CaseFacts(caseId, score ?? response?.Score ?? 0, response?.Comment, person, department, assignee, dueAt, ZoneOf(profile), profile.Name);
    }

    public async Task<string> CompanyAsync(Guid tenantId, CancellationToken cancellationToken) => (await mediator.Send(new GetTenantProfile(tenantId), cancellationToken)).Name;

    /// <summary>A new case (or, with <paramref name="isUpdate"/>, the comment that came after its first post).</summary>
    public ChatMessage NewCase(CaseFacts facts, bool isUpdate) => Case(facts,
        text[isUpdate ? "Chat.Case.UpdateTitle" : "Chat.Case.NewTitle", Person(facts), facts.Score]);

    public ChatMessage Escalated(CaseFacts facts) => Case(facts, text["Chat.Case.EscalatedTitle", Person(facts), facts.Score]);

    public ChatMessage GoalReviewed(GoalFacts facts)
    {
        var rows = new List<(string, string)>
        {
            (text["Chat.Fact.Nps"], facts.Nps is { } nps ? nps.ToString("0.#", CultureInfo.CurrentCulture) : text["Chat.NoNps"]),
            (text["Chat.Fact.Target"], facts.TargetNps.ToString("0.#", CultureInfo.CurrentCulture)),
            (text["Chat.Fact.Responses"], facts.Responses.ToString("N0", CultureInfo.CurrentCulture)),
        };
        if (facts.PreviousStatus is { } previous) rows.Add((text["Chat.Fact.PreviousStatus"], Status(previous)));
        return new ChatMessage(text["Chat.Goal.Title", facts.Department, Status(facts.Status)], null, rows, Footer(facts.Company), text["Chat.Goal.Open"],
            links.To($"departments/{facts.DepartmentId}"));
    }

    public ChatMessage Test(string company, string? department) => new(
        text["Chat.Test.Title"], null,
        [(text["Chat.Fact.Posts"], text["Chat.Test.Posts"]), (text["Chat.Fact.Department"], department ?? text["Chat.AllDepartments"])],
        Footer(company), text["Chat.Test.Open"], links.To("app/chat-channels"));

    private ChatMessage Case(CaseFacts facts, string title)
    {
        var rows = new List<(string, string)>
        {
            (text["Chat.Fact.Score"], $"{facts.Score} · {text[$"Chat.Category.{NpsCategories.Of(facts.Score)}"]}"),
            (text["Chat.Fact.Person"], facts.Person ?? text["Chat.Anonymous"]),
        };
        if (facts.Department is { } department) rows.Add((text["Chat.Fact.Department"], department));
        if (facts.Assignee is { } assignee) rows.Add((text["Chat.Fact.Assignee"], assignee));
        if (facts.DueAt is { } due) rows.Add((text["Chat.Fact.Due"], TimeZoneInfo.ConvertTime(due, facts.Zone).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + $" ({facts.Zone.Id})"));
        var quote = facts.Comment is { Length: > 0 } comment ? comment : null;
        if (quote is null) rows.Add((text["Chat.Fact.Comment"], text["Chat.NoComment"]));
        return new ChatMessage(title, quote, rows, Footer(facts.Company), text["Chat.Case.Open"], links.To($"app/follow-ups/{facts.CaseId}"));
    }

    private string Person(CaseFacts facts) => facts.Person ?? text["Chat.Anonymous"];

    private string Footer(string company) => text["Chat.Footer", company];

    private string Status(string status)
    {
        var named = text[$"Chat.GoalStatus.{status}"];
        return named.ResourceNotFound ? status : named.Value;
    }

    private static TimeZoneInfo ZoneOf(TenantProfile profile) => TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
