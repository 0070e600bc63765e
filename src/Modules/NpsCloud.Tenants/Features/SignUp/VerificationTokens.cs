using Microsoft.AspNetCore.DataProtection;

namespace NpsCloud.Tenants.Features.SignUp;

/// <summary>
/// The token of an email verification link: the tenant, the owner and the address it was sent to, with
/// its expiry, protected by the shared data protection key ring. Nothing is stored, so the email can be
/// sent from the outbox after sign-up and sent again on request; a token for an address the owner has
/// since changed proves nothing.
/// </summary>
internal sealed class VerificationTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = protection.CreateProtector("NpsCloud.Tenants.EmailVerification.v1");

    public sealed record Claim(Guid TenantId, Guid UserId, string NormalizedEmail);

    public string Issue(Guid tenantId, Guid userId, string normalizedEmail) =>
        _protector.Protect($"{tenantId:N}|{userId:N}|{(clock.GetUtcNow() + Validity).ToUnixTimeSeconds()}|{normalizedEmail}");

    /// <summary>What a token claims, or null when it is forged, damaged or expired.</summary>
    public Claim? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|', 4);
        if (parts.Length != 4 || !Guid.TryParse(parts[0], out var tenantId) || !Guid.TryParse(parts[1], out var userId)
            || !long.TryParse(parts[2], out var expires) || clock.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expires))
        {
            return null;
        }

        return new Claim(tenantId, userId, parts[3]);
    }
}
