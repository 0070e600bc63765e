using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

internal static class ContactRules
{

    public static async Task<Contact> FindAsync(SurveysDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Contacts.FirstOrDefaultAsync(c => c.Id == id && c.ErasedAt == null, cancellationToken) ?? throw new NotFoundException("The contact");

    public static IRuleBuilderOptions<T, string> ValidContactEmail<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<SurveysText> text) =>
        rule.NotEmpty().WithMessage(_ => text["Validation.EmailRequired"])
            .MaximumLength(254).WithMessage(_ => text["Validation.TooLong", 254])
            .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"]);

    public static IRuleBuilderOptions<T, string?> ValidOptionalLocale<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SurveysText> text) =>
        rule.Must(locale => locale is null or "en" or "tr").WithMessage(_ => text["Validation.Locale"]);

    /// <summary>The shared rule for <c>properties</c> (see <see cref="BuildingBlocks.Messaging.Properties"/>).</summary>
    public static IRuleBuilderOptions<T, JsonElement?> ValidProperties<T>(this IRuleBuilder<T, JsonElement?> rule, IStringLocalizer<SurveysText> text) =>
        rule.Must(properties => BuildingBlocks.Messaging.Properties.AreValid(properties))
            .WithMessage(_ => text["Validation.Properties", BuildingBlocks.Messaging.Properties.MaxCount]);

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
    /// applied; an unsubscribe or bounce is never undone by an upsert. An address is one person in the
    /// whole company: a caller limited to departments who names a contact only other departments reach
    /// gets that contact (so it can survey the person), but changes nothing another department sees.
    /// </summary>
    public static async Task<(Contact Contact, bool Created)> UpsertAsync(
        SurveysDbContext db, string email, string? name, string? locale, JsonElement? properties, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Contact.Normalize(email);
        var contact = db.Contacts.Local.FirstOrDefault(c => c.NormalizedEmail == normalized && c.ErasedAt == null)
            ?? await db.Contacts.FirstOrDefaultAsync(c => c.NormalizedEmail == normalized && c.ErasedAt == null, cancellationToken);
        if (contact is null
            && await db.Contacts.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter])
                .FirstOrDefaultAsync(c => c.NormalizedEmail == normalized && c.ErasedAt == null, cancellationToken) is { } othersContact)
        {
            return (othersContact, false);
        }

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
