using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

internal static class ContactRules
{
    public const int MaxProperties = 50;

    public static async Task<Contact> FindAsync(SurveysDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Contacts.FirstOrDefaultAsync(c => c.Id == id && c.ErasedAt == null, cancellationToken) ?? throw new NotFoundException("The contact");

    public static IRuleBuilderOptions<T, string> ValidContactEmail<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<SurveysText> text) =>
        rule.NotEmpty().WithMessage(_ => text["Validation.EmailRequired"])
            .MaximumLength(254).WithMessage(_ => text["Validation.TooLong", 254])
            .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"]);

    public static IRuleBuilderOptions<T, string?> ValidOptionalLocale<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SurveysText> text) =>
        rule.Must(locale => locale is null or "en" or "tr").WithMessage(_ => text["Validation.Locale"]);

    /// <summary>A flat JSON object of at most 50 string, number or boolean values (what segments and reports key on).</summary>
    public static IRuleBuilderOptions<T, JsonElement?> ValidProperties<T>(this IRuleBuilder<T, JsonElement?> rule, IStringLocalizer<SurveysText> text) =>
        rule.Must(properties => properties is null
                || properties.Value.ValueKind == JsonValueKind.Null
                || properties.Value.ValueKind == JsonValueKind.Object
                && properties.Value.EnumerateObject().Count() <= MaxProperties
                && properties.Value.EnumerateObject().All(p => p.Name.Length <= 100
                    && p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null
                    && (p.Value.ValueKind != JsonValueKind.String || p.Value.GetString()!.Length <= 1000)))
            .WithMessage(_ => text["Validation.Properties", MaxProperties]);

    /// <summary>Merges new properties over stored ones (a null value removes a property).</summary>
    public static string Merge(string stored, JsonElement? incoming)
    {
        if (incoming is not { ValueKind: JsonValueKind.Object } patch) return stored;
        var merged = JsonNode.Parse(stored)!.AsObject();
        foreach (var property in patch.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null) merged.Remove(property.Name);
            else merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return merged.ToJsonString();
    }

    /// <summary>
    /// Finds the tenant's contact for an address, or adds one. Name, language and properties given are
    /// applied; an unsubscribe or bounce is never undone by an upsert.
    /// </summary>
    public static async Task<(Contact Contact, bool Created)> UpsertAsync(
        SurveysDbContext db, string email, string? name, string? locale, JsonElement? properties, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Contact.Normalize(email);
        var contact = db.Contacts.Local.FirstOrDefault(c => c.NormalizedEmail == normalized && c.ErasedAt == null)
            ?? await db.Contacts.FirstOrDefaultAsync(c => c.NormalizedEmail == normalized && c.ErasedAt == null, cancellationToken);
        var created = contact is null;
        contact ??= db.Contacts.Add(new Contact { Id = Guid.CreateVersion7(now), CreatedAt = now }).Entity;
        contact.Email = email.Trim();
        contact.NormalizedEmail = normalized;
        if (!string.IsNullOrWhiteSpace(name)) contact.Name = name.Trim();
        if (locale is not null) contact.Locale = locale;
        contact.Properties = Merge(contact.Properties, properties);
        contact.UpdatedAt = now;
        return (contact, created);
    }
}
