using System.Security.Cryptography;
using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>
/// A survey's open link (<c>/s/{slug}</c>): anyone with the address may answer, without an invitation. The
/// slug is public (shared, printed as a QR code) and lets a visitor answer this one survey, nothing more
/// (ADR 0030). One a survey; switched off rather than deleted, so a printed code says "closed", not "unknown".
/// </summary>
internal sealed class OpenLink : ITenantOwned
{
    public const int MaxHiddenFields = 10;
    public const int DefaultDailyCap = 500;
    public const int MaxDailyCap = 100_000;

    public Guid TenantId { get; init; }
    public Guid SurveyId { get; init; }

    /// <summary>12 random letters and digits (71 bits): public and short enough for a QR code on a receipt.</summary>
    public required string Slug { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Shows an optional name field.</summary>
    public bool CollectName { get; set; }

    /// <summary>Shows an optional email field (the answer is then the contact's, added when new).</summary>
    public bool CollectEmail { get; set; }

    /// <summary>Requires an email, and takes one answer a person for the survey.</summary>
    public bool OneAnswerPerPerson { get; set; }

    /// <summary>Answers taken a day (in the company's time zone); after that the page says the survey is full for today.</summary>
    public int DailyCap { get; set; } = DefaultDailyCap;

    /// <summary>Query parameters stored as the response's properties (<c>?order=123&amp;store=kadikoy</c>); others are ignored.</summary>
    public List<string> HiddenFields { get; set; } = [];

    /// <summary>Salts the device hashes of the duplicate guard; renewed with the address.</summary>
    public byte[] DeviceSalt { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new address: a new slug and a new salt (old device hashes no longer match anything).</summary>
    public void Renew()
    {
        Slug = RandomNumberGenerator.GetString(Alphabet, 12);
        DeviceSalt = RandomNumberGenerator.GetBytes(32);
    }

    public static bool LooksLikeSlug(string? slug) => slug is { Length: 12 } && slug.AsSpan().IndexOfAnyExcept(Alphabet) < 0;
}
