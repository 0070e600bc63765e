using System.Text.Json;
using MediatR;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary>
/// A response as the API and the pages show it; <c>contact</c> is null when the person was erased.
/// <c>suspectedAutomation</c>: recorded by a client that looked automated, so counted nowhere until the person answers.
/// </summary>
internal sealed record ResponseView(
    Guid Id,
    Guid SurveyId,
    Guid? InvitationId,
    ResponseView.Person? Contact,
    Guid? DepartmentId,
    string? Touchpoint,
    string Channel,
    int Score,
    string Category,
    string? Comment,
    string? Locale,
    JsonElement Properties,
    IReadOnlyList<string> Tags,
    int Revision,
    DateTimeOffset RespondedAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset UpdatedAt,
    bool SuspectedAutomation,
    IReadOnlyList<ResponseView.Note>? Notes = null)
{
    public sealed record Person(Guid Id, string? Email, string? Name);

    public sealed record Note(Guid Id, string Author, string Text, DateTimeOffset CreatedAt);

    public static ResponseView From(Response r, IReadOnlyDictionary<Guid, ContactInfo> contacts, IReadOnlyList<Note>? notes = null) => new(
        r.Id, r.SurveyId, r.InvitationId,
        r.ContactId is { } id && contacts.TryGetValue(id, out var contact) && contact.Email is not null ? new Person(id, contact.Email, contact.Name) : null,
        r.DepartmentId, r.Touchpoint, r.Channel, r.Score, r.Category, r.Comment, r.Locale,
        JsonDocument.Parse(r.Properties).RootElement.Clone(), r.Tags, r.Revision, r.RespondedAt, r.RecordedAt, r.UpdatedAt, r.SuspectedAutomation, notes);

    /// <summary>Views of these responses, with their people looked up in one request to the Surveys module.</summary>
    public static async Task<List<ResponseView>> ManyAsync(IMediator mediator, IReadOnlyList<Response> responses, CancellationToken cancellationToken)
    {
        var contactIds = responses.Where(r => r.ContactId is not null).Select(r => r.ContactId!.Value).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? new Dictionary<Guid, ContactInfo>() : await mediator.Send(new FindContacts(contactIds, OfVisibleRows: true), cancellationToken);
        return responses.Select(r => From(r, contacts)).ToList();
    }
}
