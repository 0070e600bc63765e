using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>
/// A person a company surveys. Unsubscribing and bouncing stop all mail to them; erasing (KVKK/GDPR)
/// removes every personal field and keeps only the anonymous row their scores point to.
/// </summary>
internal sealed class Contact : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public string? Email { get; set; }
    public string? NormalizedEmail { get; set; }
    public string? Name { get; set; }
    public string? Locale { get; set; }
    public string Properties { get; set; } = "{}";
    public DateTimeOffset? UnsubscribedAt { get; set; }
    public DateTimeOffset? BouncedAt { get; set; }
    public string? BounceReason { get; set; }
    public DateTimeOffset? LastSurveyedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>Why no mail may go to this person, or null when it may.</summary>
    public string? Suppression => ErasedAt is not null ? "erased" : UnsubscribedAt is not null ? "unsubscribed" : BouncedAt is not null ? "bounced" : null;

    public bool SurveyedWithin(int throttleDays, DateTimeOffset at) =>
        throttleDays > 0 && LastSurveyedAt is { } last && last > at.AddDays(-throttleDays);

    public void Erase(DateTimeOffset now)
    {
        Email = null;
        NormalizedEmail = null;
        Name = null;
        Properties = "{}";
        ErasedAt = now;
        UpdatedAt = now;
    }
}

internal sealed class SurveyMember : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid SurveyId { get; init; }
    public Guid ContactId { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
