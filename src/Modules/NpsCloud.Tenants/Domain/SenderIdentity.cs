using System.Security.Cryptography;

namespace NpsCloud.Tenants.Domain;

/// <summary>
/// How a company proves the domain of its own sender address (ADR 0029): a TXT record at
/// <c>_npscloud.&lt;domain&gt;</c> whose value is <c>npscloud-verification=&lt;token&gt;</c>.
/// </summary>
internal static class SenderIdentity
{
    public const string RecordPrefix = "_npscloud.";
    public const string ValuePrefix = "npscloud-verification=";

    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? null : address[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
    }

    public static string RecordName(string domain) => RecordPrefix + domain;

    public static string RecordValue(string token) => ValuePrefix + token;

    /// <summary>128 random bits, so nobody guesses another company's record.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
