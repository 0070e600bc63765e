using System.Security.Cryptography;
using System.Text;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// keyed with the bytes the secret's base64 (after <c>whsec_</c>) stands for. Several secrets give several
/// signatures, separated by spaces.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes (Standard Webhooks asks for 24 to 64).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")));
    }

    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, messageId, timestamp, body)));
}
