using System.Text.Json;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

internal sealed record ContactView(
    Guid Id, string? Email, string? Name, string? Locale, JsonElement Properties,
    DateTimeOffset? UnsubscribedAt, DateTimeOffset? BouncedAt, string? BounceReason, DateTimeOffset? LastSurveyedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ContactView From(Contact contact) => new(
        contact.Id, contact.Email, contact.Name, contact.Locale, JsonDocument.Parse(contact.Properties).RootElement.Clone(),
        contact.UnsubscribedAt, contact.BouncedAt, contact.BounceReason, contact.LastSurveyedAt, contact.CreatedAt, contact.UpdatedAt);
}
